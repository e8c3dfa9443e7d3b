package io.smartshare.node.coap;

import java.util.Optional;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.option.IntegerOptionDefinition;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;

/**
 * The RFC 8768 Hop-Limit option (number 16, elective, safe to forward, one byte 1..255),
 * which Californium 3.14 does not define. An endpoint parses it only when built with {@link
 * #REGISTRY}; without it the option is silently ignored as an unknown elective option.
 */
public final class HopLimitOption {
    /** The option's number. */
    public static final int NUMBER = 16;
    /** The value a relay assumes when a request carries no Hop-Limit (RFC 8768 section 3). */
    public static final int DEFAULT = 16;
    /**
     * The most hops any relayed request may take, whatever Hop-Limit its client asked for: a
     * 1 KB request with Hop-Limit 255 would otherwise cost 254 relayed hops.
     */
    public static final int MESH_MAX = 16;
    static final IntegerOptionDefinition DEFINITION = new IntegerOptionDefinition(NUMBER, "Hop-Limit", true, 1, 1);
    /** Californium's standard options plus Hop-Limit, for building endpoints. */
    public static final OptionRegistry REGISTRY =
            new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(), DEFINITION);

    private HopLimitOption() {
    }

    /** The Hop-Limit of a message, if it carries one. */
    public static Optional<Integer> of(OptionSet options) {
        return Optional.ofNullable(options.getOtherOption(DEFINITION)).map(Option::getIntegerValue);
    }

    /** Puts a Hop-Limit on a message being built (which has none yet). */
    public static void add(OptionSet options, int value) {
        if (value < 1 || value > 255) {
            throw new IllegalArgumentException("Hop-Limit: expected 1..255, found " + value);
        }
        options.addOption(new Option(DEFINITION, value));
    }
}
