package io.smartshare.node.mesh.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void acceptsEachCounterOnceInAnyOrderWithinTheWindow() {
        ReplayWindow window = new ReplayWindow(2);
        assertFalse(window.accept(2), "at the floor");
        assertFalse(window.accept(1));
        assertTrue(window.accept(5));
        assertTrue(window.accept(3));
        assertFalse(window.accept(3));
        assertFalse(window.accept(5));
        assertTrue(window.accept(100));
        assertTrue(window.accept(100 - ReplayWindow.SIZE + 1));
        assertFalse(window.accept(100 - ReplayWindow.SIZE), "too old to tell");
        assertFalse(window.wouldAccept(100));
        assertTrue(window.wouldAccept(99));
        assertTrue(window.accept(100 + 10 * ReplayWindow.SIZE));
        assertFalse(window.accept(100));
    }
}
