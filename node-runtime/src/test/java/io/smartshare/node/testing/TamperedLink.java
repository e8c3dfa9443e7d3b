package io.smartshare.node.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A UDP link between two nodes on loopback that a test can tamper with, as a relay or anyone
 * on the path could: node A knows node B at {@link #portFacingA()} and B knows A at {@link
 * #portFacingB()}; every datagram one sends the link passes to the other from its other port,
 * after the test's {@link Tamper} for that direction has had its say.
 */
public final class TamperedLink implements AutoCloseable {
    /**
     * What becomes of one datagram: {@code datagram} sent on after {@code delayMillis}, or, if
     * {@code back}, sent back to its sender as if the other node had answered it; a null
     * {@code datagram} is lost.
     */
    public record Forward(byte[] datagram, long delayMillis, boolean back) {
        /** The datagram as it came, at once. */
        public static Forward unchanged(byte[] datagram) {
            return new Forward(datagram, 0, false);
        }

        /** {@code datagram}, held back for {@code delayMillis}. */
        public static Forward later(byte[] datagram, long delayMillis) {
            return new Forward(datagram, delayMillis, false);
        }

        /** Nothing: the datagram is lost. */
        public static Forward dropped() {
            return new Forward(null, 0, false);
        }

        /** {@code datagram} to the sender, in place of what it sent. */
        public static Forward answer(byte[] datagram) {
            return new Forward(datagram, 0, true);
        }
    }

    /** Decides what becomes of each datagram in one direction. */
    @FunctionalInterface
    public interface Tamper {
        Forward apply(byte[] datagram);
    }

    private final DatagramSocket facingA;
    private final DatagramSocket facingB;
    private final ScheduledExecutorService held = Executors.newSingleThreadScheduledExecutor();
    private volatile InetSocketAddress a;
    private volatile InetSocketAddress b;

    /** Binds both ports; {@code towardsB} sees what A sends, {@code towardsA} what B sends. */
    public TamperedLink(Tamper towardsB, Tamper towardsA) throws SocketException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        facingA = new DatagramSocket(new InetSocketAddress(loopback, 0));
        facingB = new DatagramSocket(new InetSocketAddress(loopback, 0));
        pump(facingA, facingB, towardsB, true);
        pump(facingB, facingA, towardsA, false);
    }

    /** Connects the link to the nodes' own ports. */
    public void connect(int portOfA, int portOfB) {
        a = new InetSocketAddress(InetAddress.getLoopbackAddress(), portOfA);
        b = new InetSocketAddress(InetAddress.getLoopbackAddress(), portOfB);
    }

    /** The port A sends to for B. */
    public int portFacingA() {
        return facingA.getLocalPort();
    }

    /** The port B sends to for A. */
    public int portFacingB() {
        return facingB.getLocalPort();
    }

    private void pump(DatagramSocket in, DatagramSocket out, Tamper tamper, boolean toB) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65_535];
            while (!in.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    in.receive(packet);
                } catch (IOException e) {
                    return; // closed
                }
                InetSocketAddress to = toB ? b : a;
                if (to == null) {
                    continue;
                }
                byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
                Forward forward = tamper.apply(datagram);
                if (forward.datagram() == null) {
                    continue;
                }
                DatagramPacket sent = forward.back()
                        ? new DatagramPacket(forward.datagram(), forward.datagram().length, packet.getSocketAddress())
                        : new DatagramPacket(forward.datagram(), forward.datagram().length, to);
                DatagramSocket from = forward.back() ? in : out;
                held.schedule(() -> {
                    try {
                        from.send(sent);
                    } catch (IOException e) {
                        // closed, or the node is down: a lost datagram, as on a real link
                    }
                }, forward.delayMillis(), TimeUnit.MILLISECONDS);
            }
        }, "tampered-link");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        facingA.close();
        facingB.close();
        held.shutdownNow();
    }
}
