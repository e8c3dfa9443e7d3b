# Shared by scripts/uplink-line-test, uplink-grid-test and bench-uplink (sourced, not run):
# node namespaces on one bridge (the "air", 10.203.77.0/24; nftables in each lets through
# only the topology's neighbours: a line, or what the caller says), an "internet" namespace
# behind one or more gateways (the first at 203.0.113.1 serves HTTP and iperf3), LAN client
# namespaces behind chosen nodes (10.99.X.2 behind a node at 10.99.X.1), node processes
# started on the generic-linux board (the linux data plane; a node with an uplink is a
# gateway), and a cleanup that removes every namespace, process and file of the run on any exit.
# The sourcing script sets HERE (the checkout), TAG, WORK, JAR and KEEP_LOGS first.

NET=10.203.77
declare -a PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S.%3N)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
ns() { echo "${TAG}-$1"; }
in_ns() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; } # foreground only: `&` would fork a shell

cleanup() {
    local rc=$?
    trap '' PIPE INT TERM
    if (( rc != 0 )); then # what each live node's threads were doing, for the kept logs
        local i=0
        for pid in "${NODE_PIDS[@]:-}"; do
            [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
                && timeout 20 jcmd "$pid" Thread.print > "$WORK/n$i.threads" 2>&1 || true
            i=$((i + 1))
        done
    fi
    for pid in "${PIDS[@]}"; do
        [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
    done
    { wait; } 2>/dev/null # reaped quietly: no "Killed" line per process
    local removed=0
    for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${TAG}-" || true); do
        ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns delete "$n" && removed=$((removed + 1))
    done
    echo "CLEANUP namespaces-removed=$removed left=$(ip netns list 2>/dev/null | grep -c "^${TAG}-" || true)" || true
    if [[ "$KEEP_LOGS" == 1 || $rc -ne 0 ]]; then
        echo "logs kept in $WORK" >&2 || true
    else
        rm -rf "$WORK"
    fi
    exit $rc
}

require_tools() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces, WireGuard interfaces, NAT)"
    for cmd in ip nft wg wireguard-go coap-client-notls curl iperf3 python3 ping; do
        command -v "$cmd" >/dev/null || die "$cmd is missing (sudo scripts/test installs it)"
    done
    [[ -f "$JAR" ]] || die "no jar at $JAR (build it: mvn -pl node-runtime -am package -DskipTests)"
    JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
    # the JVM options bin/smartshare-node runs the node with, so figures are a device's
    mapfile -t JVM_OPTS < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$HERE/bin/jvm.options")
    export MALLOC_ARENA_MAX=2
}

line_neighbours() { # node index, nodes: the neighbours of a node in a line
    (( $1 > 0 )) && echo $(($1 - 1))
    (( $1 < $2 - 1 )) && echo $(($1 + 1))
    return 0
}

build_line() { # number of nodes: n0 (with the internet behind it) … n(N-1), each the next one's neighbour
    build_mesh "$1" line_neighbours
    add_internet 0 203.0.113
}

build_mesh() { # number of nodes, a function printing a node's neighbours (index, nodes)
    local n=$1 neighbours=$2 i j allowed
    echo "namespaces prefix=$TAG"
    ip netns add "$(ns br)"
    ip -n "$(ns br)" link add br0 type bridge
    ip -n "$(ns br)" link set br0 type bridge mcast_snooping 0
    ip -n "$(ns br)" link set br0 up
    for ((i = 0; i < n; i++)); do
        ip netns add "$(ns n$i)"
        ip -n "$(ns n$i)" link set lo up
        ip link add m0 netns "$(ns n$i)" type veth peer name "b$i" netns "$(ns br)"
        ip -n "$(ns br)" link set "b$i" master br0 up
        ip -n "$(ns n$i)" addr add "$NET.$((i + 1))/24" dev m0
        ip -n "$(ns n$i)" link set m0 up
        ip -n "$(ns n$i)" route add 224.0.0.0/4 dev m0
        allowed="$NET.$((i + 1))"
        for j in $("$neighbours" "$i" "$n"); do allowed="$allowed, $NET.$((j + 1))"; done
        in_ns "n$i" nft -f - <<EOF
table inet line {
    chain in {
        type filter hook input priority 0; policy accept;
        iifname "m0" ip saddr != { $allowed } drop
    }
}
EOF
    done
    ip netns add "$(ns inet)"
    ip -n "$(ns inet)" link set lo up
    mkdir -p "$WORK/www"
    head -c 65536 /dev/urandom > "$WORK/www/page.bin"
    head -c 4194304 /dev/urandom > "$WORK/www/big.bin"
}

add_internet() { # node index, /24 prefix (three octets): the node's uplink to the "internet" namespace
    local i=$1 net=$2
    ip link add "up$i" netns "$(ns n$i)" type veth peer name "up$i" netns "$(ns inet)"
    ip -n "$(ns inet)" addr add "$net.1/24" dev "up$i"
    ip -n "$(ns inet)" link set "up$i" up
    ip -n "$(ns n$i)" addr add "$net.2/24" dev "up$i"
    ip -n "$(ns n$i)" link set "up$i" up
    ip -n "$(ns n$i)" route add default via "$net.1"
    if [[ -z "${SERVERS_UP:-}" ]]; then # the servers, on the first uplink's address
        SERVERS_UP=1
        ip netns exec "$(ns inet)" python3 -m http.server --bind "$net.1" --directory "$WORK/www" 8080 \
            >"$WORK/http.log" 2>&1 &
        PIDS+=($!)
        ip netns exec "$(ns inet)" iperf3 --server --bind "$net.1" --port 5201 >"$WORK/iperf3-server.log" 2>&1 &
        PIDS+=($!)
    fi
}

add_lan() { # node index, X: a client namespace "lanX" at 10.99.X.2 behind the node at 10.99.X.1
    local i=$1 x=$2
    ip netns add "$(ns lan$x)"
    ip -n "$(ns lan$x)" link set lo up
    ip link add lan0 netns "$(ns n$i)" type veth peer name lan0 netns "$(ns lan$x)"
    ip -n "$(ns n$i)" addr add "10.99.$x.1/24" dev lan0
    ip -n "$(ns n$i)" link set lan0 up
    ip -n "$(ns lan$x)" addr add "10.99.$x.2/24" dev lan0
    ip -n "$(ns lan$x)" link set lan0 up
    ip -n "$(ns lan$x)" route add default via "10.99.$x.1"
}

start_node() { # node index, then options for `run`; a node with an uplink (up<i>) is a gateway
    local i=$1 extra=()
    shift
    ip -n "$(ns n$i)" link show "up$i" >/dev/null 2>&1 && extra=(--uplink 100000)
    ip netns exec "$(ns n$i)" "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" run --board generic-linux \
        --data-dir "$WORK/n$i" --coap-port 5683 --coaps-port 5684 --mesh-interface m0 "${extra[@]}" "$@" \
        >>"$WORK/n$i.out" 2>>"$WORK/n$i.log" &
    NODE_PIDS[$i]=$!
    PIDS+=($!)
}

get() { # node index, path: the JSON document (three tries), or nothing
    local try out=""
    for try in 1 2 3; do
        out=$(in_ns "n$1" coap-client-notls -B 5 "coap://127.0.0.1$2" 2>/dev/null || true)
        [[ "$out" == "{"*"}" ]] && break
    done
    echo "$out"
}

node_id() { sed -n 's/.*event=started node=\([a-z0-9]*\).*/\1/p' "$WORK/n$1.log" | tail -1; }

fetch_page() { # X, seconds: seconds until client lanX has the page; dies after that many
    local x=$1 t0 deadline
    t0=$(date +%s)
    deadline=$((t0 + $2))
    until in_ns "lan$x" curl -sf -m 3 -o "$WORK/got.bin" http://203.0.113.1:8080/page.bin; do
        (( $(date +%s) < deadline )) || die "no page at lan$x after $2 s; gateway: $(get 0 /uplink)"
        sleep 1
    done
    cmp -s "$WORK/got.bin" "$WORK/www/page.bin" || die "the page arrived changed"
    echo $(( $(date +%s) - t0 ))
}

stop_nodes() { # SIGTERM every node, then check they left nothing; prints a RESULT line
    local n=$1 i left=0 tables=0 wg_left=0
    for ((i = 0; i < n; i++)); do kill -TERM "${NODE_PIDS[$i]}" 2>/dev/null || true; done
    for ((i = 0; i < n; i++)); do wait "${NODE_PIDS[$i]}" || true; done
    for ((i = 0; i < n; i++)); do
        left=$((left + $(ip -n "$(ns n$i)" -o link show | grep -c ' ssw' || true)))
        tables=$((tables + $(in_ns "n$i" nft list tables | grep -c ' ssw' || true)))
        wg_left=$((wg_left + $(ip netns pids "$(ns n$i)" | xargs -r ps -o comm= -p | grep -c wireguard-go || true)))
    done
    echo "RESULT interfaces-left=$left nat-tables-left=$tables wireguard-go-left=$wg_left"
    (( left == 0 && tables == 0 && wg_left == 0 )) || die "left behind: $left interfaces, $tables tables, $wg_left wireguard-go"
}
