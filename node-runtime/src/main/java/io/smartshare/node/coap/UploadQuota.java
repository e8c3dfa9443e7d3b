package io.smartshare.node.coap;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many block-wise uploads (Block1 transfers) each client address may have under way at
 * once: {@code perClient}, each known from its first block until its last block or until it
 * has been silent for {@code lifetimeNanos} (Californium's block-wise status lifetime). A block
 * that would start one more is refused; blocks of uploads already under way pass. At most
 * {@code clients} addresses are tracked, least recently heard forgotten first. Thread-safe.
 */
final class UploadQuota {
    private final int perClient;
    private final long lifetimeNanos;
    private final Map<InetAddress, Map<String, Long>> active;
    private long refused;
    private long clientsEvicted;

    UploadQuota(int perClient, int clients, long lifetimeNanos) {
        this.perClient = perClient;
        this.lifetimeNanos = lifetimeNanos;
        this.active = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Map<String, Long>> eldest) {
                boolean evict = size() > clients;
                if (evict) {
                    clientsEvicted++;
                }
                return evict;
            }
        };
    }

    /**
     * Whether a Block1 block of the upload {@code transfer} (the client's port and the target
     * path) from {@code client} may pass.
     *
     * @param last whether it is the upload's last block (M bit clear): the upload then ends
     */
    synchronized boolean admit(InetAddress client, String transfer, boolean last, long nowNanos) {
        Map<String, Long> uploads = active.computeIfAbsent(client, c -> new HashMap<>());
        for (Iterator<Long> it = uploads.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next() > lifetimeNanos) {
                it.remove();
            }
        }
        boolean known = uploads.containsKey(transfer);
        if (!known && uploads.size() >= perClient) {
            refused++;
            return false;
        }
        if (last) {
            uploads.remove(transfer);
        } else {
            uploads.put(transfer, nowNanos);
        }
        if (uploads.isEmpty()) {
            active.remove(client);
        }
        return true;
    }

    synchronized long refused() {
        return refused;
    }

    synchronized int clients() {
        return active.size();
    }

    synchronized long clientsEvicted() {
        return clientsEvicted;
    }
}
