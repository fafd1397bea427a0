/** A --config file that cannot be used (unreadable, not JSON, invalid): the run exits with 2. */
export class ConfigError extends Error {}
