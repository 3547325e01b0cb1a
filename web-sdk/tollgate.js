// Tollgate's browser SDK: one dependency-free ES module (docs/web-sdk.md).

/** The SDK's version: the server's version (the build checks that they are equal). */
export const VERSION = "0.1.0-SNAPSHOT";
