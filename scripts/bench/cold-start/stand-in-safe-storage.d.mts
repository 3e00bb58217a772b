import type { SafeStorageLike } from '../../../main/electron/safe-storage-cipher';

export declare const standInSafeStorage: SafeStorageLike;
