#!/bin/bash
# usage: scripts/bench/cgroup-run.sh NAME cmd...  Runs cmd in its own cpuacct and memory cgroup (v1, root) and writes
# "rc= cpu= peakMiB= wall= load=" to /tmp/cg-NAME.out: CPU of the whole process tree, including children that
# are killed rather than waited for (Pagefind's service), which GNU time misses.
name=$1; shift
C=/sys/fs/cgroup/cpuacct/cg-$name; M=/sys/fs/cgroup/memory/cg-$name
rmdir $C $M 2>/dev/null; mkdir -p $C $M
t0=$(date +%s.%N)
bash -c "echo \$\$ > $C/cgroup.procs; echo \$\$ > $M/cgroup.procs; exec \"\$@\"" _ "$@"
rc=$?
t1=$(date +%s.%N)
cpu=$(cat $C/cpuacct.usage); peak=$(cat $M/memory.max_usage_in_bytes)
echo "rc=$rc cpu=$(echo "scale=1; $cpu/1000000000" | bc) peakMiB=$((peak/1048576)) wall=$(echo "$t1 - $t0" | bc | cut -c1-6) load=$(cut -d' ' -f1 /proc/loadavg)" > /tmp/cg-$name.out
sleep 0.5; rmdir $C $M 2>/dev/null
exit $rc
