using HtxFund.Identity;
using HtxFund.Migration;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Migration.Booking.Support;

/// <summary>An import as the dry run stores it (part A's upload), for a model handed to <see cref="LoanBookModels"/>.</summary>
public static class LoanBookImports
{
    public static async Task<Guid> UserIdAsync(IServiceProvider services, string userName)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Query<UserAccount>().SingleAsync(u => u.UserName == userName)).Id;
    }

    public static async Task<LoanBookImport> StoreAsync(IServiceProvider services, string fund, LoanBookFile file, Guid uploadedBy,
        LoanBookImportState state = LoanBookImportState.Checked)
    {
        LoanBookModels.Add(file);
        var import = new LoanBookImport
        {
            Id = Guid.CreateVersion7(), FileId = Guid.CreateVersion7(), FileName = "so-cho-vay.xlsx", Sha256 = file.Sha256, TemplateVersion = 1,
            CutOver = file.CutOver, State = state, UploadedBy = uploadedBy, UploadedByName = "kế toán", UploadedAt = AppFixture.Start,
            Summary = new LoanBookSummary(file.Cooperatives.Count, file.Cooperatives.Count, file.Members.Count, file.Loans.Count, file.Loans.Count, 0,
                file.Loans.Sum(l => l.Amount), file.Loans.Sum(l => l.ExpectedPrincipalOutstanding), file.Loans.Sum(l => l.ExpectedInterestOwed)),
        };
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession(fund);
        session.Store(import);
        await session.SaveChangesAsync();
        return import;
    }

    /// <summary>A hash of its own for each model file of a test.</summary>
    public static string NewSha256() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
}
