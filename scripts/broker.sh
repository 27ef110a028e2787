#!/usr/bin/env bash
# A throwaway RabbitMQ broker for tests and local runs: loopback only, everything it owns under one directory.
#
# Usage:
#   scripts/broker.sh start DIR [--port P]  start a broker whose data, logs, cookie and ports live in DIR (created if
#                                           missing). P is the AMQP port; without it DIR's previous port, else a free one.
#   scripts/broker.sh stop DIR              stop it; nothing running in DIR is not an error
#   scripts/broker.sh restart DIR           stop it and start it again on the same ports with the same data and user
#
# After a start DIR/broker.env holds `export SHAMPOO_BROKER_HOST=… PORT USER PASSWORD` lines: `source DIR/broker.env`.
# The first start creates user "shampoo" with a random password and full permissions on vhost "/"; the data in DIR keeps
# it across restarts. The node, Erlang distribution and epmd ports are private to DIR and bound to 127.0.0.1.
#
# Needs rabbitmq-server (scripts/setup.sh installs it). It runs the package's own server script, not the Debian wrapper
# that switches to user rabbitmq, so it works as root or any user and without systemd. RABBITMQ_SBIN overrides where
# that script is looked for. Exit status: 0 done, 1 the broker failed (its log's tail is printed), 2 misuse.
set -euo pipefail

node_name=shampoo@localhost
user=shampoo

usage() { echo "usage: broker.sh start DIR [--port P] | stop DIR | restart DIR" >&2; exit 2; }
misuse() { echo "broker.sh: $*" >&2; exit 2; }
fail() { echo "broker.sh: $*" >&2; exit 1; }

find_sbin() {
  if [[ -n "${RABBITMQ_SBIN:-}" ]]; then
    sbin=$RABBITMQ_SBIN
  else
    local candidates=(/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin)
    sbin=${candidates[-1]}
  fi
  [[ -x "$sbin/rabbitmq-server" && -x "$sbin/rabbitmqctl" ]] ||
    misuse "rabbitmq-server is not installed (no $sbin/rabbitmq-server); run scripts/setup.sh"
}

# Ports some socket listens on now, from the kernel's tables (no connection is made).
listening_ports() {
  local hex
  awk 'FNR > 1 && $4 == "0A" { n = split($2, a, ":"); print a[n] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    while read -r hex; do echo $((16#$hex)); done
}

# A port in 10000-31999 (below Linux's ephemeral range) that nothing listens on and that is not in $taken.
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((10000 + SRANDOM % 22000))
    if ! grep -qx "$port" <<<"$(listening_ports)"$'\n'"${taken// /$'\n'}"; then
      taken+=" $port"
      echo "$port"
      return
    fi
  done
  fail "no free port found"
}

# The environment of the server and of its CLI: nothing inherited from /etc/rabbitmq or the caller's RABBITMQ_*.
broker_env() {
  local name
  for name in $(compgen -e); do [[ $name == RABBITMQ_* ]] && unset "$name"; done
  export HOME="$dir/home" ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1 ERL_CRASH_DUMP="$dir/log/erl_crash.dump"
  export RABBITMQ_CONF_ENV_FILE=/dev/null RABBITMQ_NODENAME=$node_name
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$node_port RABBITMQ_DIST_PORT=$dist_port
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

ctl() { (broker_env && "$sbin/rabbitmqctl" -q -n "$node_name" "$@"); }

# Whether pid $1 is alive and one of DIR's processes (its HOME is DIR/home), not a recycled pid.
ours() {
  [[ -n "$1" && -r "/proc/$1/environ" ]] && tr "\0" "\n" 2>/dev/null <"/proc/$1/environ" | grep -qxF "HOME=$dir/home"
}

read_pid() { [[ -f "$1" ]] && tr -dc '0-9' <"$1" || true; }

load_state() {
  [[ -f "$dir/ports" ]] || return 1
  # shellcheck source=/dev/null
  source "$dir/ports"
}

first_start() {
  umask 077
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$dir/home/.erlang.cookie"
  chmod 400 "$dir/home/.erlang.cookie"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  echo "[]." >"$dir/enabled_plugins"
  echo "[]." >"$dir/advanced.config"
  # The broker creates the default user when it initialises an empty database, i.e. on the first start only.
  cat >"$dir/rabbitmq.conf" <<EOF
default_vhost = /
default_user = $user
default_pass = $password
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.console = false
log.file.level = info
EOF
}

start() {
  local port_arg=$1
  if load_state; then
    running_pid=$(read_pid "$dir/rabbitmq.pid")
    ours "$running_pid" && misuse "a broker is already running in $dir (stop it first)"
  else
    [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]] && misuse "$dir is not empty and holds no broker"
    first_start
    taken=""
    epmd_port=$(free_port) dist_port=$(free_port)
    node_port=${port_arg:-$(free_port)}
  fi
  [[ -n "$port_arg" ]] && node_port=$port_arg
  printf 'node_port=%s\ndist_port=%s\nepmd_port=%s\n' "$node_port" "$dist_port" "$epmd_port" >"$dir/ports"
  password=$(sed -n 's/^default_pass = //p' "$dir/rabbitmq.conf")
  rm -f "$dir/rabbitmq.pid" "$dir/epmd.pid" "$dir/broker.env"

  # epmd is started here rather than by the node so that stop can end it by its pid.
  (broker_env && cd "$dir" && exec epmd -port "$epmd_port" -address 127.0.0.1 </dev/null >>"$dir/log/epmd.out" 2>&1) &
  echo $! >"$dir/epmd.pid"
  for _ in $(seq 100); do
    epmd -port "$epmd_port" -names >/dev/null 2>&1 && break
    ours "$(read_pid "$dir/epmd.pid")" || fail "epmd did not start on port $epmd_port: $(tail -n 3 "$dir/log/epmd.out")"
    sleep 0.05
  done

  (broker_env && cd "$dir" && exec "$sbin/rabbitmq-server" </dev/null >>"$dir/log/server.out" 2>&1) &
  local server=$!
  ctl wait --timeout 120 "$dir/rabbitmq.pid" >/dev/null 2>&1 &
  local waiter=$!
  while kill -0 "$waiter" 2>/dev/null; do
    if ! kill -0 "$server" 2>/dev/null; then
      kill "$waiter" 2>/dev/null || true
      stop >/dev/null 2>&1 || true
      fail "the broker exited while starting on 127.0.0.1:$node_port; $dir/log/server.out ends: $(tail -n 5 "$dir/log/server.out" | tr '\n' ' ')"
    fi
    sleep 0.1
  done
  if ! wait "$waiter"; then
    stop >/dev/null 2>&1 || true
    fail "the broker did not start on 127.0.0.1:$node_port; see $dir/log"
  fi

  cat >"$dir/broker.env" <<EOF
export SHAMPOO_BROKER_HOST=127.0.0.1
export SHAMPOO_BROKER_PORT=$node_port
export SHAMPOO_BROKER_USER=$user
export SHAMPOO_BROKER_PASSWORD=$password
EOF
  echo "$dir/broker.env"
}

stop() {
  load_state || return 0
  local server epmd
  server=$(read_pid "$dir/rabbitmq.pid")
  if ours "$server"; then
    find_sbin
    ctl shutdown >/dev/null 2>&1 || true
    for _ in $(seq 100); do ours "$server" || break; sleep 0.1; done
    if ours "$server"; then
      kill -KILL "$server" 2>/dev/null || true
    fi
  fi
  epmd=$(read_pid "$dir/epmd.pid")
  if ours "$epmd"; then
    kill "$epmd" 2>/dev/null || true
    for _ in $(seq 50); do ours "$epmd" || break; sleep 0.05; done
  fi
  rm -f "$dir/rabbitmq.pid" "$dir/epmd.pid" "$dir/broker.env"
}

(($# >= 2)) || usage
command=$1 dir=$2
shift 2
[[ -n "$dir" ]] || usage
dir=$(realpath -m -- "$dir")
port=""
while (($# > 0)); do
  case $1 in
    --port)
      [[ $command == start ]] || misuse "--port is only for start"
      (($# >= 2)) || misuse "--port needs a value"
      [[ $2 =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 65535)) || misuse "--port must be a number in 1-65535, not '$2'"
      port=$2
      shift 2
      ;;
    *) misuse "unknown argument '$1'" ;;
  esac
done

case $command in
  start) find_sbin; start "$port" ;;
  stop) stop ;;
  restart) find_sbin; load_state || misuse "no broker was started in $dir"; stop; start "" ;;
  *) usage ;;
esac
