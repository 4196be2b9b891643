using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Runtime;

// Usage: HtxFund.HeapStats DUMP DAC [--live]
//   DUMP: a dump written by the runtime's createdump (bench/heap.sh); DAC: libmscordaccore.so of the app's runtime.
//   Prints the heap's size by segment kind, the 30 types holding most bytes, and the large-object heap's byte arrays
//   by size with the start of a few of them as text (JSON documents show what they were); --live also walks the
//   objects reachable from the roots (slower) and prints their total and top types.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: HtxFund.HeapStats DUMP DAC [--live]");
    return 2;
}
using var target = DataTarget.LoadDump(args[0]);
var runtime = target.ClrVersions[0].CreateRuntime(args[1], ignoreMismatch: true);
var heap = runtime.Heap;
var mib = (long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

var byType = new Dictionary<string, (long Count, long Bytes)>();
var lohArrays = new SortedDictionary<long, (long Count, long Bytes, List<string> Samples)>();
foreach (var segment in heap.Segments)
{
    foreach (var obj in segment.EnumerateObjects())
    {
        if (!obj.IsValid) continue;
        var size = (long)obj.Size;
        var name = obj.Type?.Name ?? "?";
        byType[name] = byType.TryGetValue(name, out var t) ? (t.Count + 1, t.Bytes + size) : (1, size);
        if (segment.Kind != GCSegmentKind.Large || name != "System.Byte[]") continue;
        long bucket = 1;
        while (bucket < size) bucket *= 2;
        if (!lohArrays.TryGetValue(bucket, out var b)) lohArrays[bucket] = b = (0, 0, []);
        if (b.Samples.Count < 3)
        {
            var head = new byte[100];
            target.DataReader.Read(obj.Address + (ulong)(2 * IntPtr.Size), head);
            b.Samples.Add(Encoding.UTF8.GetString(head).Replace('\n', ' ').Replace('\0', '.'));
        }
        lohArrays[bucket] = (b.Count + 1, b.Bytes + size, b.Samples);
    }
}
foreach (var kind in heap.Segments.GroupBy(s => s.Kind))
    Console.WriteLine($"segments {kind.Key}: committed {mib(kind.Sum(s => (long)s.CommittedMemory.Length))} MiB, objects {mib(kind.Sum(s => (long)s.ObjectRange.Length))} MiB");
Console.WriteLine("\ntypes holding most bytes (live and dead):");
foreach (var (name, (count, bytes)) in byType.OrderByDescending(kv => kv.Value.Bytes).Take(30))
    Console.WriteLine($"{bytes / 1024,12:N0} KiB {count,10:N0}  {name}");
Console.WriteLine("\nbyte arrays on the large-object heap, by size:");
foreach (var (bucket, (count, bytes, samples)) in lohArrays)
{
    Console.WriteLine($"  up to {bucket / 1024:N0} KiB: {count:N0} arrays, {mib(bytes)} MiB");
    foreach (var sample in samples) Console.WriteLine($"      {sample}");
}
if (args.Contains("--live"))
{
    var seen = new HashSet<ulong>();
    var pending = new Stack<ulong>();
    var liveByType = new Dictionary<string, long>();
    long live = 0;
    foreach (var root in heap.EnumerateRoots())
        if (root.Object.Address != 0) pending.Push(root.Object.Address);
    while (pending.Count > 0)
    {
        var address = pending.Pop();
        if (!seen.Add(address)) continue;
        var obj = heap.GetObject(address);
        if (!obj.IsValid) continue;
        live += (long)obj.Size;
        var name = obj.Type?.Name ?? "?";
        liveByType[name] = liveByType.GetValueOrDefault(name) + (long)obj.Size;
        foreach (var reference in obj.EnumerateReferenceAddresses())
            if (reference != 0 && !seen.Contains(reference)) pending.Push(reference);
    }
    Console.WriteLine($"\nreachable from the roots: {mib(live)} MiB");
    foreach (var (name, bytes) in liveByType.OrderByDescending(kv => kv.Value).Take(15))
        Console.WriteLine($"{bytes / 1024,12:N0} KiB  {name}");
}
return 0;
