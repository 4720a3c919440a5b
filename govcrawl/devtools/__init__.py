"""Developer tools: the loopback fixture server, the demo and the benchmark."""
