package dev.tollgate.token;

/**
 * The outcome of reading a digest token without checking its digest: {@link Decoded} or {@link Rejected}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Decoding permits Decoded, Rejected {}
