/**
 * One room over the SOA's multiplexed websocket (muxLink.ts): its messages go out framed with the room on
 * the one websocket every room of the SOA shares, and the relay's answers for it come back the same way.
 */
import { CarriedRoomSocket } from './carriedRoomSocket';

export class MuxSocket extends CarriedRoomSocket {}
