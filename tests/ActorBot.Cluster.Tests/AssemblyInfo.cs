// One rig at a time: each process test runs three nodes, a simulator and PostgreSQL on a 2-core machine, and two
// rigs side by side would delay heartbeats into false failure detections.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
