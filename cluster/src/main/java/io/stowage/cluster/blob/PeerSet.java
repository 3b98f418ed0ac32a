package io.stowage.cluster.blob;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The other members of the group as the blob copies see them.
 *
 * @param others their blob addresses
 * @param acksNeeded how many of them must hold a new blob besides this node, so that a majority does
 */
public record PeerSet(List<InetSocketAddress> others, int acksNeeded) {

    public PeerSet {
        others = List.copyOf(others);
        if (acksNeeded < 0 || acksNeeded > others.size()) {
            throw new IllegalArgumentException("need " + acksNeeded + " of " + others.size() + " peers");
        }
    }
}
