"""From a laptop to a cluster: `batch` runs articles through the pipeline with N processes, resumably;
`spark` runs the same per-document step (`batch.process`) as a PySpark job."""
