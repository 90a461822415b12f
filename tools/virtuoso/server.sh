#!/usr/bin/env bash
# A private Virtuoso 7 instance on 127.0.0.1 for tests and local use (Debian virtuoso-opensource-7-bin).
#   tools/virtuoso/server.sh start DIR   -> writes DIR/virtuoso.ini, starts virtuoso-t, waits until the
#                                           SPARQL endpoint answers, prints the endpoint URL; pid in DIR/pid
#   tools/virtuoso/server.sh stop DIR    -> SIGTERM to that pid (Virtuoso checkpoints), waits for exit
#   tools/virtuoso/server.sh load DIR FILE GRAPH -> Virtuoso's bulk loader reads FILE (N-Triples, in /tmp
#                                           or DIR) into the named graph GRAPH, then checkpoints
# Ports: BPO_KG_VIRTUOSO_HTTP (default 8890), BPO_KG_VIRTUOSO_SQL (default 1111).
set -euo pipefail
action=${1:?usage: server.sh start|stop|load DIR}
dir=${2:?usage: server.sh start|stop|load DIR}
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
; a SPARQL update of a million rows writes more than the default 50 MB of transaction log (SR325);
; bpo-kg splits an update refused for this, but splitting costs a scan per part
TransactionAfterImageLimit = 1500000000

[HTTPServer]
ServerPort      = 127.0.0.1:$http_port
ServerRoot      = $dir
MaxClientConnections = 8
ServerThreads   = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 1800
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
load)
    file=${3:?usage: server.sh load DIR FILE GRAPH}
    graph=${4:?usage: server.sh load DIR FILE GRAPH}
    [ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
    file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
    isql() { isql-vt "127.0.0.1:$sql_port" dba dba exec="$1" 2>&1; }
    out=$(isql "DELETE FROM DB.DBA.LOAD_LIST; ld_dir('$(dirname "$file")', '$(basename "$file")', '$graph'); rdf_loader_run(); checkpoint;")
    if grep -q '\*\*\* Error' <<<"$out"; then echo "the bulk load of $file failed: $(grep -m1 -A1 '\*\*\* Error' <<<"$out" | tr '\n' ' ')" >&2; exit 1; fi
    failed=$(isql "SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL OR ll_state <> 2;" | grep -E '^[0-9]+$' | head -1)
    [ "$failed" = "0" ] || { echo "the bulk load of $file failed: see DB.DBA.LOAD_LIST" >&2; exit 1; }
    ;;
*) echo "usage: server.sh start|stop DIR, or load DIR FILE GRAPH" >&2; exit 2 ;;
esac
