if (args.Length > 0 && args[0] == "classification")
    return await HtxFund.Benchmarks.Classification.ClassificationRunBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "journal")
    return await HtxFund.Benchmarks.Accounting.JournalBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "loan-book")
    return await HtxFund.Benchmarks.Migration.LoanBookBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] is "load-prepare" or "load-rebuild")
    return await HtxFund.Benchmarks.Load.LoadBench.RunAsync(args[0], args[1..]);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(HtxFund.Benchmarks.ScheduleBenchmarks).Assembly).Run(args);
return 0;
