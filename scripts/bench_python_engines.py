"""Files/s of docgrid.spark (local[2]) and docgrid.ray (2 CPUs) over one folder, cells out to
Parquet; run by scripts/bench_python.sh, which times `docgrid batch --jobs 2` on the same folder.

    python scripts/bench_python_engines.py spark|ray INPUT_DIR OUTPUT_DIR RUNS

Prints one line per run: `<engine> run <k>: <files> files in <s> s = <files/s> files/s
(session start <s> s)`. The session (JVM or Ray) starts once and is not in the job's time; it
is printed apart.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time


def main() -> None:
    engine, inputs, output, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    files = sum(len(names) for _, _, names in os.walk(inputs))
    started = time.perf_counter()
    if engine == "spark":
        from pyspark.sql import SparkSession

        os.environ["PYSPARK_PYTHON"] = sys.executable
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        from docgrid.spark import convert_files

        def job(out: str) -> None:
            convert_files(spark, inputs, to="cells").write.parquet(out)

    else:
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        from docgrid.ray import convert_files

        def job(out: str) -> None:
            convert_files(inputs, to="cells").write_parquet(out)

    session = time.perf_counter() - started
    seconds = []
    for k in range(runs):
        out = os.path.join(output, f"{engine}-{k}")
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        job(out)
        seconds.append(time.perf_counter() - started)
        print(f"{engine} run {k + 1}: {files} files in {seconds[-1]:.2f} s = {files / seconds[-1]:.1f} files/s (session start {session:.1f} s)", flush=True)
    median = statistics.median(seconds)
    print(f"{engine} median: {median:.2f} s = {files / median:.1f} files/s")


if __name__ == "__main__":
    main()
