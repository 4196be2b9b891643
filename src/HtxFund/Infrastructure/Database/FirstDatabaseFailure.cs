using System.Runtime.CompilerServices;
using JasperFx.Core.Exceptions;

namespace HtxFund.Infrastructure.Database;

/// <summary>
/// Keeps the first exception Marten meets while a caller watches (<see cref="Watch"/>), and transforms nothing.
/// Needed where a session runs on the caller's own transaction: when a command fails there with a transient error,
/// Marten rolls the transaction back and its retry then fails with "transaction is already completed", hiding the
/// failure (a full disk, a restarting server) that the answer must name.
/// </summary>
public sealed class FirstDatabaseFailure : IExceptionTransform
{
    private static readonly AsyncLocal<StrongBox<Exception?>?> Current = new();

    /// <summary>Starts watching for the current async flow; the box holds the first failure seen from now on.</summary>
    public static StrongBox<Exception?> Watch()
    {
        var box = new StrongBox<Exception?>();
        Current.Value = box;
        return box;
    }

    public bool TryTransform(Exception original, out Exception transformed)
    {
        if (Current.Value is { Value: null } box) box.Value = original;
        transformed = original;
        return false;
    }
}
