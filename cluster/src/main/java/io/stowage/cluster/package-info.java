/** Replication of the engine on Apache Ratis. */
package io.stowage.cluster;
