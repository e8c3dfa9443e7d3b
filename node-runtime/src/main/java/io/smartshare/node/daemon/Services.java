package io.smartshare.node.daemon;

import io.smartshare.node.lifecycle.NodeService;
import java.util.List;
import java.util.ServiceLoader;

/** The services installed with the node: those listed in {@code META-INF/services} on the class path. */
public final class Services {
    private Services() {
    }

    /** A fresh instance of every installed service, for one node. */
    public static List<NodeService> installed() {
        return ServiceLoader.load(NodeService.class, Services.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
