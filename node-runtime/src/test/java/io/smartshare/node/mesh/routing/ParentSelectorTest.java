package io.smartshare.node.mesh.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParentSelectorTest {
    private static final NodeId A = new NodeId("ssaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final NodeId B = new NodeId("ssbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final NodeId C = new NodeId("sscccccccccccccccccccccccccc");

    @Test
    void choosesLowestPathCostAndKeepsTheOthersAsBackupsBestFirst() {
        ParentSelection s = ParentSelector.select(3, Rank.INFINITE, Optional.empty(), List.of(
                new Candidate(A, 512, 3, 128), new Candidate(B, 256, 3, 256), new Candidate(C, 384, 3, 128)));
        assertEquals(Optional.of(B), s.parent());
        assertEquals(512, s.rank());
        assertEquals(List.of(C, A), s.backups());
    }

    @Test
    void rankIsAlwaysAtLeastOneHopAboveTheParent() {
        ParentSelection s = ParentSelector.select(0, Rank.INFINITE, Optional.empty(), List.of(new Candidate(A, 128, 0, 100)));
        assertEquals(256, s.rank());
    }

    @Test
    void keepsCurrentParentUnlessAnotherIsBetterByMoreThanTheSwitchThreshold() {
        List<Candidate> close = List.of(new Candidate(A, 400, 1, 128), new Candidate(B, 300, 1, 128));
        assertEquals(Optional.of(A), ParentSelector.select(1, 1000, Optional.of(A), close).parent());
        List<Candidate> far = List.of(new Candidate(A, 600, 1, 128), new Candidate(B, 300, 1, 128));
        assertEquals(Optional.of(B), ParentSelector.select(1, 1000, Optional.of(A), far).parent());
    }

    @Test
    void neverChoosesANeighbourRankedAtOrAboveItsFeasibleDistance() {
        ParentSelection s = ParentSelector.select(2, 500, Optional.empty(), List.of(
                new Candidate(A, 500, 2, 128), new Candidate(B, 700, 2, 128)));
        assertTrue(s.parent().isEmpty());
        assertEquals(Rank.INFINITE, s.rank());
    }

    @Test
    void joinsANewerEpochEvenThroughAHigherRank() {
        ParentSelection s = ParentSelector.select(2, 300, Optional.of(A), List.of(
                new Candidate(A, 200, 2, 128), new Candidate(B, 900, 3, 128)));
        assertEquals(3, s.epoch());
        assertEquals(Optional.of(B), s.parent());
        assertEquals(1028, s.rank());
    }

    @Test
    void ignoresPoisonedNeighboursAndLinksWorseThanEtxFour() {
        ParentSelection s = ParentSelector.select(0, Rank.INFINITE, Optional.empty(), List.of(
                new Candidate(A, Rank.INFINITE, 0, 128), new Candidate(B, 256, 0, 513)));
        assertTrue(s.parent().isEmpty());
    }

    @Test
    void switchesToTheBestBackupAtOnceWhenTheParentDisappears() {
        ParentSelection before = ParentSelector.select(0, 700, Optional.empty(), List.of(
                new Candidate(A, 256, 0, 128), new Candidate(B, 300, 0, 128)));
        assertEquals(Optional.of(A), before.parent());
        ParentSelection after = ParentSelector.select(0, 384, before.parent(), List.of(new Candidate(B, 300, 0, 128)));
        assertEquals(before.backups().get(0), after.parent().orElseThrow());
        assertEquals(428, after.rank());
    }
}
