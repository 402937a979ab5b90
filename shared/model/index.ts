/** The SOA model: everything the relay, the editor, the export and the desktop app need to know about an SOA. */
export * from './ids';
export * from './rooms';
export * from './origins';
export * from './richText';
export * from './ordering';
export * from './schema';
export * from './fingerprint';
export * from './frame';
export * from './partner';
export * from './readRooms';
export * from './repairNesting';
export * from './assemble';
export * from './completeness';
export * from './sectionNames';
