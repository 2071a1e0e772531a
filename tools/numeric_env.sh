#!/usr/bin/env bash
# Numeric settings shared by the test and build scripts (sourced, not run).
#
# - One BLAS thread per process: the notebooks multiply small matrices, for which thread
#   start-up costs more than it saves, and pytest runs two workers on two cores, so a
#   multi-threaded BLAS oversubscribes them (measured up to 20x slower under load).
# - The same OpenBLAS kernel on every x86-64 machine with AVX2: OpenBLAS picks its kernel by
#   CPU, and different kernels round differently.  Training amplifies the last bit, so stored
#   notebook outputs (checked by nbval) are only reproducible across CPUs with a fixed kernel.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
if [ "$(uname -m)" = "x86_64" ] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=Haswell
fi
# Notebook kernels must use matplotlib's inline backend: no MPLBACKEND may leak into them.
unset MPLBACKEND
