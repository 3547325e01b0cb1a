/**
 * The platform's edge decision for EdgeAuth tokens, as "Using EdgeAuth" describes it: {@link
 * dev.tollgate.edge.EdgePolicy#decide} takes a token and an {@link dev.tollgate.edge.AccessRequest} (authenticate,
 * subscribe or publish a channel, room or origin stream) and returns {@link dev.tollgate.edge.Allowed} or {@link
 * dev.tollgate.edge.Denied} with a stable {@link dev.tollgate.edge.DenialCode} and the trace of every check. Location
 * constraints are looked up through a {@link dev.tollgate.edge.GeoLocator}, by default the bundled country database.
 *
 * <p>{@code dev.tollgate.edge.internal} is not an API.
 */
package dev.tollgate.edge;
