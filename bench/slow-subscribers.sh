#!/usr/bin/env bash
# Memory held for subscribers that never read: server RSS growth over N writes of a ~256 KB connector with S
# non-reading subscribers (SSE, paused WebSockets, paused WebSockets with distinct selections), against the same
# writes with no subscriber, each scenario on a fresh server process of the same build; also the live managed heap
# growth (dotnet-gcdump, installed below if missing). SERVER_GC=0 runs the server with the workstation GC.
# usage: bench/slow-subscribers.sh [SUBSCRIBERS=50] [WRITES=240] [SCENARIOS=none,sse,ws,ws-distinct] [SERVER_DLL]
set -euo pipefail
# Benchmarks measure what a request costs, not the rate limiter's refusals (bench/ratelimit.sh measures the limiter).
export RateLimits__Enabled=${RateLimits__Enabled:-false}
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-gcdump >/dev/null || dotnet tool install -g dotnet-gcdump --version 10.0.750501 >/dev/null
dotnet build -c Release -v q src/Server >/dev/null
dotnet build -c Release -v q bench/FanOut >/dev/null
dotnet bench/FanOut/bin/Release/net10.0/FanOut.dll --slow \
  "${4:-$PWD/src/Server/bin/Release/net10.0/Coco.Connectors.GraphQL.Server.dll}" "${1:-50}" "${2:-240}" "${3:-none,sse,ws,ws-distinct}"
