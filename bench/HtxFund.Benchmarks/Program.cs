if (args.Length > 0 && args[0] == "classification")
    return await HtxFund.Benchmarks.Classification.ClassificationRunBenchmark.RunAsync(args[1..]);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
