package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UploadQuotaTest {
    private static final long LIFETIME = 30_000_000_000L;

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void aClientStartsAtMostItsQuotaOfUploadsAndItsUnderwayUploadsGoOn() throws Exception {
        UploadQuota quota = new UploadQuota(2, 8, LIFETIME);
        InetAddress client = address(1);
        assertTrue(quota.admit(client, "5001 config", false, 0));
        assertTrue(quota.admit(client, "5002 config", false, 0));
        assertFalse(quota.admit(client, "5003 config", false, 0), "a third upload at once");
        assertTrue(quota.admit(client, "5001 config", false, 1), "the next block of one under way");
        assertTrue(quota.admit(address(2), "5003 config", false, 0), "another address has its own quota");
        assertEquals(1, quota.refused());
    }

    @Test
    void aFinishedOrSilentUploadFreesItsPlace() throws Exception {
        UploadQuota quota = new UploadQuota(1, 8, LIFETIME);
        InetAddress client = address(1);
        assertTrue(quota.admit(client, "5001 config", false, 0));
        assertTrue(quota.admit(client, "5001 config", true, 1), "its last block ends it");
        assertTrue(quota.admit(client, "5002 config", false, 2));
        assertFalse(quota.admit(client, "5003 config", false, LIFETIME));
        assertTrue(quota.admit(client, "5003 config", false, LIFETIME + 3), "5002 was silent for the lifetime");
        assertEquals(1, quota.clients());
    }

    @Test
    void atMostTheBoundOfClientAddressesIsTrackedLeastRecentlyHeardForgottenFirst() throws Exception {
        UploadQuota quota = new UploadQuota(1, 2, LIFETIME);
        for (int i = 1; i <= 5; i++) {
            assertTrue(quota.admit(address(i), "5000 config", false, i));
        }
        assertEquals(2, quota.clients());
        assertEquals(3, quota.clientsEvicted());
    }
}
