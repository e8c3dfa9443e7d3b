package io.smartshare.node.coap;

import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

/**
 * What goes wrong on {@code coaps://}, counted for {@code /metrics} and logged at a bounded
 * rate ({@link RefusalCounter}): handshakes that fail ({@code handshakes-failed}, {@code
 * event=dtls-handshake-failed}: an unknown identity, a broken client, a timeout) and records
 * that fail their MAC check ({@code bad-records}, {@code event=dtls-bad-record}): what a client
 * with a wrong PSK key sends, which DTLS otherwise drops without a word. Changes nothing in
 * how Scandium handles either.
 */
final class DtlsFailures extends SessionAdapter implements ConnectionListener {
    private final RefusalCounter handshakes = new RefusalCounter("dtls-handshake-failed");
    private final RefusalCounter badRecords = new RefusalCounter("dtls-bad-record");

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        handshakes.note(handshaker.getPeerAddress(), () -> error == null ? "unknown" : error.getMessage());
    }

    @Override
    public boolean onConnectionMacError(Connection connection) {
        badRecords.note(connection.getPeerAddress(), () -> "a record failed its MAC check (a wrong PSK key?)");
        return false;
    }

    @Override
    public void onConnectionEstablished(Connection connection) {
    }

    @Override
    public void onConnectionRemoved(Connection connection) {
    }

    @Override
    public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
        return false;
    }

    @Override
    public void beforeExecution(Connection connection) {
    }

    @Override
    public void updateExecution(Connection connection) {
    }

    @Override
    public void afterExecution(Connection connection) {
    }

    long handshakesFailed() {
        return handshakes.total();
    }

    long badRecords() {
        return badRecords.total();
    }
}
