package io.smartshare.node.mesh.forwarding;

/**
 * Bytes and packets this node relayed for others, as seen on one peer. Immutable.
 *
 * @param bytesFromUpstream bytes of relayed packets this node received from the peer
 * @param packetsFromUpstream their number
 * @param bytesToDownstream bytes of relayed packets this node sent to the peer
 * @param packetsToDownstream their number
 */
public record PeerRelayBytes(long bytesFromUpstream, long packetsFromUpstream, long bytesToDownstream,
                             long packetsToDownstream) {
    static final PeerRelayBytes ZERO = new PeerRelayBytes(0, 0, 0, 0);

    PeerRelayBytes plusFrom(int bytes) {
        return new PeerRelayBytes(bytesFromUpstream + bytes, packetsFromUpstream + 1, bytesToDownstream, packetsToDownstream);
    }

    PeerRelayBytes plusTo(int bytes) {
        return new PeerRelayBytes(bytesFromUpstream, packetsFromUpstream, bytesToDownstream + bytes, packetsToDownstream + 1);
    }
}
