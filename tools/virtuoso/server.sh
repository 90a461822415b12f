#!/usr/bin/env bash
# A private Virtuoso 7 instance on 127.0.0.1 for tests and local use (Debian virtuoso-opensource-7-bin).
#   tools/virtuoso/server.sh start DIR   -> writes DIR/virtuoso.ini, starts virtuoso-t, waits until the
#                                           SPARQL endpoint answers, prints the endpoint URL; pid in DIR/pid
#   tools/virtuoso/server.sh stop DIR    -> SIGTERM to that pid (Virtuoso checkpoints), waits for exit
# Ports: BPO_KG_VIRTUOSO_HTTP (default 8890), BPO_KG_VIRTUOSO_SQL (default 1111).
set -euo pipefail
action=${1:?usage: server.sh start|stop DIR}
dir=${2:?usage: server.sh start|stop DIR}
http_port=${BPO_KG_VIRTUOSO_HTTP:-8890}
sql_port=${BPO_KG_VIRTUOSO_SQL:-1111}

case "$action" in
start)
    command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: apt-get install virtuoso-opensource-7-bin" >&2; exit 2; }
    if curl -s -o /dev/null "http://127.0.0.1:$http_port/"; then
        echo "port $http_port already answers: another server runs there (set BPO_KG_VIRTUOSO_HTTP)" >&2; exit 1
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile    = $dir/virtuoso.db
ErrorLogFile    = $dir/virtuoso.log
LockFile        = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel   = 7
FileExtend      = 200
MaxCheckpointRemap = 2000
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping        = 0

[Parameters]
ServerPort      = 127.0.0.1:$sql_port
DisableUnixSocket = 1
DirsAllowed     = ., $dir, /tmp
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
CheckpointInterval = 60

[HTTPServer]
ServerPort      = 127.0.0.1:$http_port
ServerRoot      = $dir
MaxClientConnections = 8
ServerThreads   = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
DefaultQuery    = ASK {}
INI
    ( cd "$dir" && exec virtuoso-t -f -c "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1 ) &
    echo $! > "$dir/pid"
    url="http://127.0.0.1:$http_port/sparql"
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "$url?query=ASK%7B%7D"; then echo "$url"; exit 0; fi
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "virtuoso-t exited: see $dir/virtuoso.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "Virtuoso did not answer on $url within 60 s" >&2; exit 1
    ;;
stop)
    [ -f "$dir/pid" ] || exit 0
    pid=$(cat "$dir/pid")
    kill -TERM "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    ;;
*) echo "usage: server.sh start|stop DIR" >&2; exit 2 ;;
esac
