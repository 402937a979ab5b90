/** How a change or latest file (.soabundle) is offered to the save dialog and the browser. */
import type { FileFilter } from '../../../shared/bridge/desktopBridge';

export const BUNDLE_FILTER: FileFilter = { name: 'SOA Studio change file', extensions: ['soabundle'] };
export const BUNDLE_MIME = 'application/x-soa-studio-bundle';
