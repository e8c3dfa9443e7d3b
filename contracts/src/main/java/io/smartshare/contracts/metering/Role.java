package io.smartshare.contracts.metering;

/** Which side of a service a meter counts. */
public enum Role {
    /** This node served the peer: the peer is the consumer, this node the provider. */
    PROVIDED,
    /** The peer served this node: the peer is the provider, this node the consumer. */
    CONSUMED
}
