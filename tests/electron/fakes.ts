// Test doubles for the Electron pieces the main-process modules take as injected interfaces.
import type { SafeStorageLike } from '../../electron/main/tokenStore';

/**
 * A safeStorage stand-in. Its "encryption" is a reversible XOR with a marker so tests can check that what
 * reaches the disk is not the plain text and that it round-trips; `backend` plays Linux's password store.
 */
export function fakeSafeStorage(options: {
  available: boolean;
  backend?: string;
}): SafeStorageLike & { encryptCalls: number } {
  const key = 0x5a;
  const fake = {
    encryptCalls: 0,
    isAsyncEncryptionAvailable: async () => options.available,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    async encryptStringAsync(plainText: string) {
      fake.encryptCalls += 1;
      if (!options.available) throw new Error('encryption not available');
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((byte) => byte ^ key)]);
    },
    async decryptStringAsync(encrypted: Buffer) {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return {
        shouldReEncrypt: false,
        result: Buffer.from(encrypted.subarray(3).map((byte) => byte ^ key)).toString('utf8'),
      };
    },
  };
  return fake;
}
