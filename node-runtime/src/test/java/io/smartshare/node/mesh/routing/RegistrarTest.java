package io.smartshare.node.mesh.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.Registration;
import io.smartshare.node.mesh.wire.Registration.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrarTest {
    private static final NodeId SELF = new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final NodeId CHILD = new NodeId("ssbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final NodeId OTHER = new NodeId("sscccccccccccccccccccccccccc");
    private static final NodeId FAR = new NodeId("ssdddddddddddddddddddddddddd");
    private final Registrar registrar = new Registrar(SELF, 900, 1);

    @Test
    void learnsRoutesFromAChildAndRelaysOnlyWhatChanged() {
        List<Target> first = List.of(new Target(CHILD, 1, 900), new Target(FAR, 7, 900));
        assertEquals(first, registrar.learn(CHILD, first, Optional.empty(), 0));
        assertEquals(List.of(), registrar.learn(CHILD, first, Optional.empty(), 10));
        assertEquals(Optional.of(CHILD), registrar.nextHop(FAR, 20));
    }

    @Test
    void onlyANewerSequenceMovesARouteToAnotherChild() {
        registrar.learn(CHILD, List.of(new Target(FAR, 7, 900)), Optional.empty(), 0);
        assertEquals(0, registrar.learn(OTHER, List.of(new Target(FAR, 7, 900)), Optional.empty(), 0).size());
        assertEquals(0, registrar.learn(OTHER, List.of(new Target(FAR, 6, 900)), Optional.empty(), 0).size());
        assertEquals(Optional.of(CHILD), registrar.nextHop(FAR, 0));
        assertEquals(1, registrar.learn(OTHER, List.of(new Target(FAR, 8, 900)), Optional.empty(), 0).size());
        assertEquals(Optional.of(OTHER), registrar.nextHop(FAR, 0));
    }

    @Test
    void ignoresRegistrationsFromItsOwnParentAndForItself() {
        assertEquals(List.of(), registrar.learn(CHILD, List.of(new Target(FAR, 1, 900)), Optional.of(CHILD), 0));
        assertEquals(List.of(), registrar.learn(OTHER, List.of(new Target(SELF, 1, 900)), Optional.empty(), 0));
        assertTrue(registrar.views(0).isEmpty());
    }

    @Test
    void newParentDropsRoutesThroughItAndRegistersSelfWithANewSequence() {
        registrar.learn(CHILD, List.of(new Target(CHILD, 2, 900), new Target(FAR, 3, 900)), Optional.empty(), 0);
        registrar.learn(OTHER, List.of(new Target(OTHER, 4, 900)), Optional.empty(), 0);
        assertEquals(new Target(SELF, 1, 900), registrar.newParent(OTHER));
        assertEquals(Optional.empty(), registrar.nextHop(OTHER, 1_000));
        assertEquals(Optional.of(CHILD), registrar.nextHop(FAR, 1_000));
        assertEquals(List.of(CHILD), registrar.children(1_000));
        assertEquals(new Target(SELF, 2, 900), registrar.refresh());
    }

    @Test
    void pathSequenceStartsWhereTheCallerSaysAndWrapsAt32Bits() {
        Registrar restarted = new Registrar(SELF, 900, 0xFFFF_FFFFL);
        assertEquals(new Target(SELF, 0xFFFF_FFFFL, 900), restarted.refresh());
        assertEquals(new Target(SELF, 0, 900), restarted.refresh());
    }

    @Test
    void routesExpireAfterTheirLifetime() {
        registrar.learn(CHILD, List.of(new Target(FAR, 1, 10)), Optional.empty(), 0);
        assertEquals(Optional.of(CHILD), registrar.nextHop(FAR, 9_999));
        assertEquals(Optional.empty(), registrar.nextHop(FAR, 10_000));
    }

}
