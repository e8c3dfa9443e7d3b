package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.node.coap.SmallDeviceCoapConfig;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.RefreshRequest;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.TokenGenerator.Scope;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.Test;

class CoapFrameBytesTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("10.201.77.2", 5683);
    private final UdpDataSerializer serializer = new UdpDataSerializer();

    @Test
    void heartbeatSentNonIsFourteenCoapBytes() {
        byte[] beat = FrameCodec.encode(new Heartbeat(7));
        Request request = FrameRequests.non(PEER, beat);
        request.setMID(1);
        assertEquals(14, serializer.getByteArray(request).length);
        assertEquals(CoapFrameBytes.non(beat.length), serializer.getByteArray(request).length);
    }

    @Test
    void confirmableFrameAndItsAcknowledgementMatchTheCountedSizes() {
        byte[] frame = FrameCodec.encode(new RefreshRequest());
        Request request = FrameRequests.con(PEER, frame);
        request.setMID(2);
        request.setToken(new RandomTokenGenerator(SmallDeviceCoapConfig.create()).createToken(Scope.SHORT_TERM_CLIENT_LOCAL));
        assertEquals(CoapFrameBytes.con(frame.length), serializer.getByteArray(request).length);

        Response ack = new Response(ResponseCode.CHANGED);
        ack.setType(Type.ACK);
        ack.setMID(2);
        ack.setToken(request.getToken());
        assertEquals(CoapFrameBytes.ACK, serializer.getByteArray(ack).length);
    }
}
