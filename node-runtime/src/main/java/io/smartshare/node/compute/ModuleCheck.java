package io.smartshare.node.compute;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import io.smartshare.contracts.compute.ComputeTask;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * What a provider checks before it takes a module (docs/compute.md, "Refused before it
 * runs"): its size, that it parses and validates, that it imports nothing but {@link
 * DeterministicWasi#ALLOWED} functions (no memories, tables or globals from the host), that it
 * links against them and exports {@code _start}, and that its initial memory fits the task's
 * page limit. Nothing of the module runs here.
 */
final class ModuleCheck {
    private ModuleCheck() {
    }

    /** A module that may not run, and why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The parsed module, if {@code bytes} may run as {@code task}.
     *
     * @throws Refused naming the rule it breaks: {@code MALFORMED}, {@code OVERSIZED}, {@code
     *     FORBIDDEN_IMPORT}, {@code NO_START} or {@code MEMORY}
     */
    static WasmModule check(byte[] bytes, ComputeTask task, long maxBytes) throws Refused {
        if (bytes.length > maxBytes) {
            throw new Refused("OVERSIZED: the module is " + bytes.length + " bytes, this provider takes at most "
                    + maxBytes);
        }
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refused("MALFORMED: not a valid WebAssembly module: " + e.getMessage());
        }
        ImportSection imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import im = imports.getImport(i);
            if (im.importType() != ExternalType.FUNCTION || !im.module().equals(DeterministicWasi.MODULE)
                    || !DeterministicWasi.ALLOWED.contains(im.name())) {
                throw new Refused("FORBIDDEN_IMPORT: " + im.module() + "." + im.name() + " (" + im.importType()
                        + "); a job may import only these functions of " + DeterministicWasi.MODULE + ": "
                        + String.join(", ", new java.util.TreeSet<>(DeterministicWasi.ALLOWED)));
            }
        }
        if (start(module).isEmpty()) {
            throw new Refused("NO_START: the module exports no function _start");
        }
        Optional<MemorySection> memories = module.memorySection();
        int initial = memories.filter(m -> m.memoryCount() > 0).map(m -> m.getMemory(0).limits().initialPages())
                .orElse(0);
        if (initial > task.memoryPages()) {
            throw new Refused("MEMORY: the module starts with " + initial + " pages, the job allows "
                    + task.memoryPages());
        }
        try {
            Instance.builder(module).withImportValues(DeterministicWasi.imports(task, new byte[0],
                    new ByteArrayOutputStream())).withInitialize(false).withStart(false).build();
        } catch (ChicoryException e) {
            throw new Refused("FORBIDDEN_IMPORT: the module does not link against WASI: " + e.getMessage());
        }
        return module;
    }

    private static Optional<Export> start(WasmModule module) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.name().equals("_start") && e.exportType() == ExternalType.FUNCTION) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
