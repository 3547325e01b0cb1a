// TypeScript declarations of tollgate.js (docs/web-sdk.md).

/** The SDK's version: the server's version. */
export declare const VERSION: string;
