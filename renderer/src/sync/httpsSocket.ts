/**
 * One room over the HTTPS link (httpsLink.ts): what it sends goes out in the link's next request; what
 * arrives comes from its long-poll. Its own class, so the app can tell it is on the slower link.
 */
import { CarriedRoomSocket } from './carriedRoomSocket';

export class HttpsSocket extends CarriedRoomSocket {}
