// Training and child processes compete for two cores; one test at a time keeps their run times predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
