#!/usr/bin/env bash
# Samples where a running JVM spends its CPU, every thread including the JIT compiler's and the
# kernel's part, with async-profiler from Maven Central (JFR sees only threads running Java code,
# which on this stack is about half the CPU). See docs/performance.md.
#   scripts/profile.sh PID [SECONDS] [OUT]
# Writes collapsed stacks (a stack and its sample count per line, 1 ms of CPU a sample) to OUT
# (default target/profile-PID.collapsed) and prints the threads and frames that used the most.
# HOOKLINE_PROFILE_EVENT=itimer where perf events are not allowed (the default is cpu).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

pid=${1:?usage: scripts/profile.sh PID [SECONDS] [OUT]}
seconds=${2:-15}
out=${3:-target/profile-$pid.collapsed}
version=4.1
jar="${MAVEN_REPO:-$HOME/.m2/repository}/tools/profiler/async-profiler/$version/async-profiler-$version-linux-x64.jar"
if [[ ! -f $jar ]]; then
  ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$version:jar:linux-x64"
fi
lib_dir=target/async-profiler-$version
mkdir -p "$lib_dir" "$(dirname "$out")"
# Extracted once, never over: rewriting a library a JVM has loaded crashes that JVM.
if [[ ! -f $lib_dir/linux-x64/libasyncProfiler.so ]]; then
  (cd "$lib_dir" && jar xf "$jar" linux-x64/libasyncProfiler.so)
fi
lib=$(readlink -f "$lib_dir/linux-x64/libasyncProfiler.so")
out=$(readlink -f "$out")
rm -f "$out"

# jcmd's JVMTI.agent_load garbles the agent's options; the attach API passes them as given.
java scripts/Attach.java "$pid" "$lib" "start,event=${HOOKLINE_PROFILE_EVENT:-cpu},interval=1ms"
sleep "$seconds"
java scripts/Attach.java "$pid" "$lib" "stop,file=$out,collapsed"
if [[ ! -s $out ]]; then
  echo "no samples written: the profiler reports why on the JVM's own standard output" >&2
  exit 1
fi

awk '{
  n = $NF; total += n; sub(/ [0-9]+$/, "")
  split($0, frames, ";")
  root = frames[1]
  if (root == "start_thread") root = frames[5]
  gsub(/[0-9]+/, "N", root); threads[root] += n
  delete seen
  for (i in frames) if (!(frames[i] in seen)) { seen[frames[i]] = 1; inclusive[frames[i]] += n }
}
END {
  printf "%d samples (ms of CPU) in %s\n\nby thread:\n", total, FILENAME
  for (t in threads) printf "%8d  %s\n", threads[t], t | "sort -rn | head -8"
  close("sort -rn | head -8")
  print "\nHookline frames, counted with everything they called:"
  for (f in inclusive) if (f ~ /^io\/hookline\//) printf "%8d  %s\n", inclusive[f], f | "sort -rn | head -25"
  close("sort -rn | head -25")
  print "\nall frames, the same way:"
  for (f in inclusive) printf "%8d  %s\n", inclusive[f], f | "sort -rn | head -40"
}' "$out"
