#!/usr/bin/env bash
# A 4-validator msec network on 127.0.0.1.
#
#   localnet.sh start          init (first time) and start the validators, wait for blocks
#   localnet.sh stop           stop every node
#   localnet.sh status         pid, height and peers of every node
#   localnet.sh reset          stop and delete everything
#   localnet.sh init-node N    create node N (N >= 4): a non-validator from the same
#                              genesis, peered with the validators, not on the allow-list
#   localnet.sh start-node N   start one node;  localnet.sh stop-node N   stop one node
#
# Environment:
#   LOCALNET_DIR     where homes, logs and pids live (default: build/localnet)
#   LOCALNET_OFFSET  added to every port, to run several localnets (default: 0)
#   MSECD            the msecd binary (default: build/msecd)
#   VALIDATORS       number of validators (default: 4)
#
# Node i listens on: p2p 26656+10i, RPC 26657+10i, gRPC 9090+10i, REST 1317+10i
# and IPFS swarm 4101+10i, gateway 8181+10i, admin API 5101+10i, companion
# service 8282+10i (plus LOCALNET_OFFSET). All IPFS nodes share one generated
# swarm key. Validator i's companion attests erasures with key member<i>,
# imported into its home's test keyring. Running start twice is harmless.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DIR=${LOCALNET_DIR:-$root/build/localnet}
OFFSET=${LOCALNET_OFFSET:-0}
MSECD=${MSECD:-$root/build/msecd}
VALIDATORS=${VALIDATORS:-4}
CHAIN_ID=${CHAIN_ID:-msec-localnet}
CLIENT_HOME=$DIR/client
KEYRING=(--keyring-backend test --home "$CLIENT_HOME")
DEMO_KEYS=(alice bob)
VOTING_PERIOD=${VOTING_PERIOD:-20s}

p2p_port()  { echo $((26656 + 10 * $1 + OFFSET)); }
rpc_port()  { echo $((26657 + 10 * $1 + OFFSET)); }
grpc_port() { echo $((9090 + 10 * $1 + OFFSET)); }
api_port()  { echo $((1317 + 10 * $1 + OFFSET)); }
ipfs_port() { echo $((4101 + 10 * $1 + OFFSET)); }
ipfs_gateway_port() { echo $((8181 + 10 * $1 + OFFSET)); }
ipfs_api_port() { echo $((5101 + 10 * $1 + OFFSET)); }
companion_port() { echo $((8282 + 10 * $1 + OFFSET)); }
home_of()   { echo "$DIR/node$1"; }

die() { echo "localnet: $*" >&2; exit 1; }

# set_toml FILE SECTION KEY VALUE: sets KEY in [SECTION] ("" = top level).
set_toml() {
	local file=$1 section=$2 key=$3 value=$4 tmp
	tmp=$(mktemp)
	awk -v section="$section" -v key="$key" -v value="$value" '
		/^\[/ { current = $0; gsub(/^\[|\]$/, "", current) }
		{
			if (current == section && $0 ~ "^" key "[ ]*=") { print key " = " value; done = 1; next }
			print
		}
		END { if (!done) exit 3 }
	' "$file" >"$tmp" || { rm -f "$tmp"; die "no key $key in [$section] of $file"; }
	mv "$tmp" "$file"
}

address_of() { "$MSECD" keys show "$1" -a "${KEYRING[@]}"; }

ipfs_peer_id() { "$MSECD" ipfs id --home "$(home_of "$1")" | awk '/^peer id:/ {print $3}'; }

node_id() { "$MSECD" comet show-node-id --home "$(home_of "$1")"; }

configure_node() {
	local i=$1 home pex peers=() ipfs_peers=()
	home=$(home_of "$i")
	for ((v = 0; v < VALIDATORS; v++)); do
		[ "$v" = "$i" ] && continue
		peers+=("$(node_id "$v")@127.0.0.1:$(p2p_port "$v")")
		ipfs_peers+=("\"/ip4/127.0.0.1/tcp/$(ipfs_port "$v")/p2p/$(ipfs_peer_id "$v")\"")
	done
	local cfg=$home/config/config.toml app=$home/config/app.toml
	set_toml "$cfg" "" moniker "\"node$i\""
	set_toml "$cfg" "" filter_peers true
	set_toml "$cfg" rpc laddr "\"tcp://127.0.0.1:$(rpc_port "$i")\""
	set_toml "$cfg" rpc pprof_laddr '""'
	set_toml "$cfg" p2p laddr "\"tcp://127.0.0.1:$(p2p_port "$i")\""
	set_toml "$cfg" p2p persistent_peers "\"$(IFS=,; echo "${peers[*]}")\""
	# Validators find each other through persistent_peers. Other nodes also
	# run PEX: CometBFT stops redialling a persistent peer that accepts the
	# handshake and then hangs up (what a validator does to a node not yet on
	# the allow-list), while PEX keeps dialling its address book every 30s,
	# so an observer joins on its own once governance registers it.
	if [ "$i" -lt "$VALIDATORS" ]; then pex=false; else pex=true; fi
	set_toml "$cfg" p2p pex "$pex"
	set_toml "$cfg" p2p addr_book_strict false
	set_toml "$cfg" p2p allow_duplicate_ip true
	set_toml "$cfg" consensus timeout_commit '"800ms"'
	# CometBFT's default propose timeout. This host runs every validator
	# on shared cores, and a proposer starved of CPU under load proposes
	# late: with 1s the others gave up on it and went to a second round,
	# which cost more (4-5 s blocks) than waiting for the late proposal.
	set_toml "$cfg" consensus timeout_propose '"3s"'
	set_toml "$app" "" minimum-gas-prices '"0.001umsec"'
	set_toml "$app" api enable true
	set_toml "$app" api address "\"tcp://127.0.0.1:$(api_port "$i")\""
	set_toml "$app" grpc address "\"127.0.0.1:$(grpc_port "$i")\""
	set_toml "$app" grpc-web enable false
	cp "$DIR/swarm.key" "$home/config/swarm.key"
	set_toml "$app" ipfs listen_addresses "[\"/ip4/127.0.0.1/tcp/$(ipfs_port "$i")\"]"
	set_toml "$app" ipfs peers "[$(IFS=,; echo "${ipfs_peers[*]}")]"
	set_toml "$app" ipfs gateway_address "\"127.0.0.1:$(ipfs_gateway_port "$i")\""
	set_toml "$app" ipfs api_address "\"127.0.0.1:$(ipfs_api_port "$i")\""
	set_toml "$app" ipfs storage_limit '"10GiB"'
	set_toml "$app" companion listen_address "\"127.0.0.1:$(companion_port "$i")\""
	if [ "$i" -lt "$VALIDATORS" ]; then
		set_toml "$app" companion operator_key "\"member$i\""
		set_toml "$app" companion keyring_backend '"test"'
	fi
}

# import_operator_key N: puts member<N>'s key into node N's own keyring, where
# its companion service signs erasure attestations.
import_operator_key() {
	local i=$1
	jq -r .mnemonic "$DIR/member$i.json" |
		"$MSECD" keys add "member$i" --recover --keyring-backend test --home "$(home_of "$i")" >/dev/null 2>&1 ||
		die "importing member$i's key into node$i"
}

init_network() {
	[ -x "$MSECD" ] || die "$MSECD not found: run make build"
	mkdir -p "$DIR"
	echo "localnet: creating $VALIDATORS validators in $DIR"
	"$MSECD" init client --chain-id "$CHAIN_ID" --home "$CLIENT_HOME" >/dev/null 2>&1
	"$MSECD" ipfs swarm-key generate "$DIR/swarm.key" >/dev/null
	for ((i = 0; i < VALIDATORS; i++)); do
		"$MSECD" init "node$i" --chain-id "$CHAIN_ID" --home "$(home_of "$i")" >/dev/null 2>&1
		"$MSECD" keys add "member$i" "${KEYRING[@]}" --output json >"$DIR/member$i.json" 2>&1
		import_operator_key "$i"
	done
	for k in "${DEMO_KEYS[@]}"; do
		"$MSECD" keys add "$k" "${KEYRING[@]}" --output json >"$DIR/$k.json" 2>&1
	done

	local genesis_home
	genesis_home=$(home_of 0)
	for k in $(seq -f 'member%g' 0 $((VALIDATORS - 1))) "${DEMO_KEYS[@]}"; do
		"$MSECD" genesis add-genesis-account "$(address_of "$k")" 1000000000000umsec --home "$genesis_home" >/dev/null
	done
	local names=("City Office" "Hospital" "Water Utility" "Transport Operator" "University" "Police" "Library" "Energy")
	for ((i = 0; i < VALIDATORS; i++)); do
		"$MSECD" genesis add-member "${names[$((i % ${#names[@]}))]}" \
			"$(address_of "member$i")" \
			--power 10 --node-home "$(home_of "$i")" --home "$genesis_home" >/dev/null
	done
	# Short voting so a proposal passes within a minute on the localnet.
	local gen=$genesis_home/config/genesis.json tmp
	tmp=$(mktemp)
	jq --arg vp "$VOTING_PERIOD" '.app_state.gov.params.voting_period = $vp
		| .app_state.gov.params.expedited_voting_period = "10s"' "$gen" >"$tmp" && mv "$tmp" "$gen"
	"$MSECD" genesis validate "$gen" --home "$genesis_home" >/dev/null
	for ((i = 1; i < VALIDATORS; i++)); do
		cp "$gen" "$(home_of "$i")/config/genesis.json"
	done
	cp "$gen" "$CLIENT_HOME/config/genesis.json"
	for ((i = 0; i < VALIDATORS; i++)); do
		configure_node "$i"
	done
	write_client_config
}

write_client_config() {
	local c=$CLIENT_HOME/config/client.toml
	set_toml "$c" "" chain-id "\"$CHAIN_ID\""
	set_toml "$c" "" keyring-backend '"test"'
	set_toml "$c" "" node "\"tcp://127.0.0.1:$(rpc_port 0)\""
	set_toml "$c" "" broadcast-mode '"sync"'
}

pid_of() {
	local f=$DIR/node$1.pid
	[ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

start_node() {
	local i=$1
	[ -d "$(home_of "$i")" ] || die "node$i does not exist"
	if pid_of "$i" >/dev/null; then return; fi
	local port
	for port in $(p2p_port "$i") $(rpc_port "$i") $(grpc_port "$i") $(api_port "$i") $(ipfs_port "$i") $(companion_port "$i"); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			die "port $port is already in use (another localnet? set LOCALNET_OFFSET)"
		fi
	done
	nohup "$MSECD" start --home "$(home_of "$i")" --log_no_color >>"$DIR/node$i.log" 2>&1 &
	echo $! >"$DIR/node$i.pid"
}

stop_node() {
	local i=$1 pid
	pid=$(pid_of "$i") || { rm -f "$DIR/node$i.pid"; return 0; }
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$DIR/node$i.pid"
}

height_of() {
	curl -fsS --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" 2>/dev/null |
		jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo "-"
}

peers_of() {
	curl -fsS --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/net_info" 2>/dev/null |
		jq -r '.result.n_peers' 2>/dev/null || echo "-"
}

# wait_for_blocks N: waits for block N and for a block committed since node0
# started: a restarted node answers queries at the latest height only once
# it has committed a block (before that the SDK says "context did not
# contain latest block height").
wait_for_blocks() {
	local want=${1:-2} first=""
	for _ in $(seq 1 120); do
		local h
		h=$(height_of 0)
		if [[ "$h" =~ ^[0-9]+$ ]]; then
			[ -n "$first" ] || { first=$h; [ "$want" -gt "$first" ] || want=$((first + 1)); }
			[ "$h" -ge "$want" ] && return 0
		fi
		sleep 0.5
	done
	die "no block $want after 60s; see $DIR/node0.log"
}

nodes() { find "$DIR" -maxdepth 1 -type d -name 'node[0-9]*' -printf '%f\n' 2>/dev/null | sed 's/^node//' | sort -n; }

print_endpoints() {
	echo
	echo "msec localnet ($CHAIN_ID) is running in $DIR"
	printf '%-6s %-24s %-16s %-23s %-23s %-23s %s\n' node RPC gRPC REST "IPFS gateway" companion log
	for ((i = 0; i < VALIDATORS; i++)); do
		printf '%-6s %-24s %-16s %-23s %-23s %-23s %s\n' "node$i" "http://127.0.0.1:$(rpc_port "$i")" \
			"127.0.0.1:$(grpc_port "$i")" "http://127.0.0.1:$(api_port "$i")" \
			"http://127.0.0.1:$(ipfs_gateway_port "$i")" "http://127.0.0.1:$(companion_port "$i")" "$DIR/node$i.log"
	done
	echo
	echo "Funded demo keys (keyring-backend test, --home $CLIENT_HOME):"
	for k in "${DEMO_KEYS[@]}" $(seq -f 'member%g' 0 $((VALIDATORS - 1))); do
		printf '  %-8s %s   (mnemonic in %s)\n' "$k" "$(address_of "$k")" "$DIR/$k.json"
	done
	echo
	echo "Try:  $MSECD --home $CLIENT_HOME query consortium members"
	echo "      $MSECD --home $CLIENT_HOME ccdb put FILE --from alice --companion-url http://127.0.0.1:$(companion_port 0)  (docs/ccdb.md)"
}

cmd=${1:-start}
case "$cmd" in
start)
	command -v jq >/dev/null || die "jq is required (apt-get install jq)"
	[ -f "$(home_of 0)/config/genesis.json" ] || init_network
	for ((i = 0; i < VALIDATORS; i++)); do start_node "$i"; done
	wait_for_blocks 2
	print_endpoints
	;;
stop)
	for i in $(nodes); do stop_node "$i"; done
	echo "localnet: stopped"
	;;
status)
	[ -d "$DIR" ] || { echo "localnet: not initialised"; exit 0; }
	printf '%-6s %-8s %-8s %s\n' node pid height peers
	for i in $(nodes); do
		printf '%-6s %-8s %-8s %s\n' "node$i" "$(pid_of "$i" || echo -)" "$(height_of "$i")" "$(peers_of "$i")"
	done
	;;
reset)
	for i in $(nodes); do stop_node "$i"; done
	rm -rf "$DIR"
	echo "localnet: reset"
	;;
init-node)
	n=${2:?node number}
	[ "$n" -ge "$VALIDATORS" ] || die "node$n is a validator"
	home=$(home_of "$n")
	[ -d "$home" ] && die "node$n exists"
	"$MSECD" init "node$n" --chain-id "$CHAIN_ID" --home "$home" >/dev/null 2>&1
	cp "$(home_of 0)/config/genesis.json" "$home/config/genesis.json"
	configure_node "$n"
	node_id "$n"
	;;
start-node) start_node "${2:?node number}" ;;
stop-node) stop_node "${2:?node number}" ;;
node-id) node_id "${2:?node number}" ;;
*) die "unknown command $cmd (start|stop|status|reset|init-node N|start-node N|stop-node N|node-id N)" ;;
esac
