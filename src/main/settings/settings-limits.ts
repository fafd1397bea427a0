/** Larger than any valid settings file (2,000 blocked words, 3 × 5,000 users, all escaped). */
export const MAX_SETTINGS_BYTES = 16 * 1024 * 1024
