package io.smartshare.node.storage;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.contracts.storage.StoragePrice;
import io.smartshare.contracts.storage.StorageRejection;
import io.smartshare.contracts.storage.StorageTerms;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.node.ledger.LedgerAppend;
import io.smartshare.node.mesh.coap.PeerLink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's transfers (docs/storage.md, "Put, get, delete"), one at a time on the storage
 * transfer thread: {@link #put} seals a file, agrees with the holder and uploads it; {@link
 * #upload} continues an upload from the leaves the holder reports (after a lost answer, a
 * holder's restart or this node's); {@link #get} downloads, checks every leaf against the
 * agreed root and decrypts; {@link #delete} ends an agreement. What each is doing shows in
 * {@link #progress}.
 */
final class OwnerTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerTransfers.class);
    /** Consecutive lost requests after which an upload pauses until the next resume. */
    private static final int LOST_BEFORE_PAUSE = 3;
    /**
     * Requests in flight at once in an upload or a download: the holder handles one (checks
     * the signature, writes or reads the leaves) while the next travels.
     */
    static final int WINDOW = 3;

    private final NodeIdentity identity;
    private final Ledger ledger;
    private final OwnedContents owned;
    private final PeerLink link;
    private final Supplier<byte[]> storageKeyFile;
    private byte[] storageKey;
    private final StoragePrice price;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> progress = new ConcurrentHashMap<>();

    /** @param storageKeyFile reads (or makes) the storage key, when a transfer first needs it */
    OwnerTransfers(NodeIdentity identity, Ledger ledger, OwnedContents owned, PeerLink link,
            Supplier<byte[]> storageKeyFile, StoragePrice price, LongSupplier clock) {
        this.identity = identity;
        this.ledger = ledger;
        this.owned = owned;
        this.link = link;
        this.storageKeyFile = storageKeyFile;
        this.price = price;
        this.clock = clock;
    }

    /** A transfer that could not be done; nothing the owner holds changed but what the message says. */
    static final class TransferException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<ResponseCode> code;

        TransferException(String message) {
            this(message, Optional.empty());
        }

        TransferException(String message, Optional<ResponseCode> code) {
            super(message);
            this.code = code;
        }

        /** The holder's code, when it answered. */
        Optional<ResponseCode> code() {
            return code;
        }
    }

    /**
     * Seals {@code file}, agrees with {@code holder} to keep it for {@code days} with an audit
     * every {@code auditSeconds}, and records the agreement in the ledger; the upload follows
     * ({@link #upload}).
     */
    Owned put(Path file, NodeId holder, long days, long auditSeconds) throws TransferException, IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TransferException(file + " is not a readable file");
        }
        Ed25519PublicKey holderKey = publicKey(holder);
        byte[] nonce = new byte[StorageTerms.NONCE_LENGTH];
        random.nextBytes(nonce);
        Path staged = owned.staging(HexFormat.of().formatHex(nonce));
        try {
            ContentCipher.Sealed sealed = ContentCipher.of(storageKey(), nonce).seal(file, staged);
            long start = clock.getAsLong() / 1000;
            StorageTerms terms = new StorageTerms(identity.publicKey(), holderKey, sealed.root(), sealed.size(),
                    StorageTerms.DEFAULT_LEAF_SIZE, start, start + days * 86_400, price, auditSeconds, nonce);
            Request request = Request.newPost();
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
            request.setPayload(StorageAgreement.propose(terms, identity));
            Response response = call(holder, request, List.of());
            Outcome<StorageAgreement, StorageRejection> agreement = StorageAgreement.decode(response.getPayload());
            if (agreement.acceptedValue().filter(a -> a.terms().equals(terms)).isEmpty()) {
                throw new TransferException(holder + " answered with another agreement than proposed: "
                        + agreement.rejection().map(Object::toString).orElse("other terms"));
            }
            LedgerAppend.durably(ledger, agreement.acceptedValue().get().ledgerEntryFor(identity.publicKey()));
            Owned record = owned.add(Owned.agreed(agreement.acceptedValue().get(), file.toAbsolutePath().toString(),
                    Files.size(file), clock.getAsLong()), staged);
            LOG.info("event=storage-agreed role=owner id={} holder={} bytes={} root={}", terms.idHex(), holder,
                    terms.size(), HexFormat.of().formatHex(terms.root()));
            return record;
        } catch (LedgerAppend.LedgerWriteException e) {
            throw new TransferException("the ledger did not take the agreement: " + e.getMessage());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Uploads what the holder lacks of {@code id}'s content, {@link #WINDOW} requests in
     * flight; true once it is complete. The holder takes leaves only in order: after any
     * failure the requests in flight are dropped and the upload goes on from the leaves the
     * holder reports.
     */
    boolean upload(String id) throws IOException {
        Optional<Owned> record = owned.find(id);
        if (record.isEmpty() || record.get().uploaded() || record.get().deleted()) {
            return record.map(Owned::uploaded).orElse(false);
        }
        StorageTerms terms = record.get().terms();
        NodeId holder = NodeId.of(terms.holder());
        int lost = 0;
        Deque<Request> inFlight = new ArrayDeque<>();
        try (FileChannel sealed = FileChannel.open(owned.sealed(id), StandardOpenOption.READ)) {
            long done = received(holder, id);
            long next = done;
            while (done < terms.leaves()) {
                progress.put(id, "uploading " + done + "/" + terms.leaves() + " leaves");
                next = fill(inFlight, terms, next, (from, count) -> leavesPost(sealed, terms, from, count));
                try {
                    done = receivedIn(await(holder, inFlight.remove()));
                    lost = 0;
                } catch (TransferException e) {
                    cancel(inFlight);
                    if (++lost >= LOST_BEFORE_PAUSE) {
                        progress.put(id, "paused at " + done + "/" + terms.leaves() + " leaves: " + e.getMessage()
                                + "; resumes by itself");
                        LOG.warn("event=storage-upload-paused id={} leaf={} reason=\"{}\"", id, done, e.getMessage());
                        return false;
                    }
                    done = received(holder, id);
                    next = done;
                }
            }
        } catch (TransferException e) {
            progress.put(id, "paused: " + e.getMessage() + "; resumes by itself");
            LOG.warn("event=storage-upload-paused id={} reason=\"{}\"", id, e.getMessage());
            return false;
        } finally {
            cancel(inFlight);
        }
        owned.update(id, o -> o.withUploaded(clock.getAsLong()));
        progress.put(id, "uploaded");
        LOG.info("event=storage-uploaded id={} holder={} bytes={}", id, holder, terms.size());
        return true;
    }

    /**
     * Downloads {@code id}'s content into {@code out}: every leaf checked against the agreed
     * root and opened; {@code out} appears (by rename) only when all of it checked.
     */
    void get(String id, Path out) throws TransferException, IOException {
        Owned record = owned.find(id).orElseThrow(() -> new TransferException("no stored content " + id));
        StorageTerms terms = record.terms();
        NodeId holder = NodeId.of(terms.holder());
        ContentCipher cipher = ContentCipher.of(storageKey(), terms.nonce());
        Path part = out.resolveSibling(out.getFileName() + ".part");
        CompactRange range = new CompactRange();
        LOG.info("event=storage-retrieving id={} holder={} bytes={}", id, holder, terms.size());
        Deque<Request> inFlight = new ArrayDeque<>();
        try (OutputStream plain = Files.newOutputStream(part)) {
            long next = 0;
            for (long from = 0; from < terms.leaves(); from += HolderResource.LEAVES_PER_REQUEST) {
                progress.put(id, "retrieving " + from + "/" + terms.leaves() + " leaves");
                next = fill(inFlight, terms, next, (first, count) -> leavesGet(terms, first, count));
                long count = Math.min(HolderResource.LEAVES_PER_REQUEST, terms.leaves() - from);
                byte[] leaves = await(holder, inFlight.remove()).getPayload();
                long expected = Math.min(count * terms.leafSize(), terms.size() - from * terms.leafSize());
                if (leaves.length != expected) {
                    throw new TransferException(holder + " sent " + leaves.length + " bytes for leaves " + from
                            + "+" + count + ", expected " + expected);
                }
                for (long i = from; i < from + count; i++) {
                    int offset = (int) ((i - from) * terms.leafSize());
                    byte[] leaf = Arrays.copyOfRange(leaves, offset, offset + terms.leafLength(i));
                    range.append(TreeHasher.leaf(leaf));
                    plain.write(cipher.open(i, terms.leaves(), leaf));
                }
            }
            if (!range.root().equals(Hash.of(terms.root()))) {
                throw new TransferException("the content " + holder + " sent does not have the agreed root");
            }
        } catch (AEADBadTagException e) {
            Files.deleteIfExists(part);
            throw new TransferException("a leaf " + holder + " sent does not open with this node's storage key");
        } catch (TransferException | IOException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            cancel(inFlight);
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.put(id, "retrieved to " + out);
        LOG.info("event=storage-retrieved id={} holder={} file={}", id, holder, out);
    }

    /** Ends agreement {@code id} at its holder (one that no longer knows it counts as ended) and here. */
    void delete(String id) throws TransferException, IOException {
        Owned record = owned.find(id).orElseThrow(() -> new TransferException("no stored content " + id));
        NodeId holder = NodeId.of(record.terms().holder());
        Request request = Request.newDelete();
        request.getOptions().addUriQuery(OwnerSignature.PARAMETER + "=" + OwnerSignature.DELETE.sign(identity, id, 0, 0,
                new byte[0]));
        try {
            call(holder, request, List.of(id));
        } catch (TransferException e) {
            if (e.code().filter(ResponseCode.NOT_FOUND::equals).isEmpty()) {
                throw e;
            }
        }
        owned.update(id, Owned::withDeleted);
        progress.put(id, "deleted");
        LOG.info("event=storage-ended role=owner id={} reason=\"deleted by this node\"", id);
    }

    /** The storage key, read on the transfer thread the first time a transfer needs it (a node that stores nothing has none). */
    private synchronized byte[] storageKey() {
        if (storageKey == null) {
            storageKey = storageKeyFile.get();
        }
        return storageKey;
    }

    /** What the transfers of {@code id} are doing or last did. */
    Optional<String> progress(String id) {
        return Optional.ofNullable(progress.get(id));
    }

    /** Shows {@code state} as what the transfers of {@code id} are doing (queued, failed, paused). */
    void noteProgress(String id, String state) {
        progress.put(id, state);
    }

    private long received(NodeId holder, String id) throws TransferException {
        return receivedIn(call(holder, Request.newGet(), List.of(id)));
    }

    private static long receivedIn(Response response) throws TransferException {
        String text = response.getPayloadString();
        try {
            return Long.parseLong(text.substring("received ".length()).trim());
        } catch (RuntimeException e) {
            throw new TransferException("the holder answered '" + text + "', not 'received N'");
        }
    }

    private Response call(NodeId holder, Request request, List<String> path) throws TransferException {
        return await(holder, send(holder, request, path));
    }

    /** Sends {@code request} for {@code path} under {@code holder}'s {@code /storage}; returns it. */
    private Request send(NodeId holder, Request request, List<String> path) throws TransferException {
        try {
            link.send(holder, request, storagePath(path));
            return request;
        } catch (PeerLink.Failure e) {
            throw new TransferException(e.getMessage(), e.code());
        }
    }

    /** {@code path} below {@code /storage}. */
    private static List<String> storagePath(List<String> path) {
        List<String> full = new java.util.ArrayList<>(List.of("storage"));
        full.addAll(path);
        return full;
    }

    private Response await(NodeId holder, Request request) throws TransferException {
        try {
            return link.await(holder, request);
        } catch (PeerLink.Failure e) {
            throw new TransferException(e.getMessage(), e.code());
        }
    }

    /** Builds the request for the leaves {@code [from, from + count)} of a content. */
    @FunctionalInterface
    private interface LeavesRequest {
        Request of(long from, long count) throws IOException;
    }

    /**
     * Sends requests for the leaves from {@code next} on, {@link HolderResource#LEAVES_PER_REQUEST}
     * each, until {@link #WINDOW} are in flight or none is left; returns the leaf after the last
     * one asked for.
     */
    private long fill(Deque<Request> inFlight, StorageTerms terms, long next, LeavesRequest request)
            throws IOException, TransferException {
        NodeId holder = NodeId.of(terms.holder());
        while (inFlight.size() < WINDOW && next < terms.leaves()) {
            long count = Math.min(HolderResource.LEAVES_PER_REQUEST, terms.leaves() - next);
            inFlight.add(send(holder, request.of(next, count), List.of(terms.idHex(), "leaves")));
            next += count;
        }
        return next;
    }

    /** {@code GET …/leaves?from&count&sig}. */
    private Request leavesGet(StorageTerms terms, long from, long count) {
        Request request = Request.newGet();
        request.getOptions().addUriQuery("from=" + from).addUriQuery("count=" + count)
                .addUriQuery(OwnerSignature.PARAMETER + "=" + OwnerSignature.READ.sign(identity, terms.idHex(), from,
                        count, new byte[0]));
        return request;
    }

    /** {@code POST …/leaves?from&sig} with the sealed leaves {@code [from, from + count)}. */
    private Request leavesPost(FileChannel sealed, StorageTerms terms, long from, long count) throws IOException {
        byte[] leaves = HeldContents.readFully(sealed, from * terms.leafSize(), (int) Math.min(count * terms.leafSize(),
                terms.size() - from * terms.leafSize()));
        Request request = Request.newPost();
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM)
                .addUriQuery("from=" + from)
                .addUriQuery(OwnerSignature.PARAMETER + "=" + OwnerSignature.UPLOAD.sign(identity, terms.idHex(), from,
                        0, leaves));
        request.setPayload(leaves);
        return request;
    }

    /** Drops the requests still in flight. */
    private static void cancel(Deque<Request> inFlight) {
        inFlight.forEach(Request::cancel);
        inFlight.clear();
    }

    /** The holder's public key, from its {@code /node} (through the mesh if need be), checked against its id. */
    private Ed25519PublicKey publicKey(NodeId holder) throws TransferException {
        try {
            return link.publicKey(holder);
        } catch (PeerLink.Failure e) {
            throw new TransferException(e.getMessage());
        }
    }
}
