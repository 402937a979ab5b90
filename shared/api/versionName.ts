/**
 * The longest version name accepted (a name reads like "Draft submitted to the Scottish Government"). Apart
 * from the versions API's schemas (versions.ts), so the relay's store can check names without loading zod.
 */
export const MAX_VERSION_NAME = 200;
