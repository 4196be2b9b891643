using HtxFund.Capital;
using HtxFund.Capital.Contributing;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.AddingMembers;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Cooperatives.Registering;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace HtxFund.Demo;

/// <summary>
/// Seeds the demo funds, cooperatives and users. Cooperatives go through the same validators and pure decisions
/// as the API, so the demo holds exactly the events the commands would append. Idempotent: what exists is kept.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store, IPasswordHasher<UserAccount> hasher, BusinessTime time)
{
    private static readonly Actor Seeder = new(Guid.Empty, "demo-seed", [Roles.Admin]);

    /// <summary>The demo funds' charter capital is decided on this day and comes in two weeks later, before the three years
    /// of lending <see cref="DemoPortfolio"/> seeds.</summary>
    public static readonly LocalDate CharterDecidedOn = new(2023, 7, 1);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedFundsAsync(ct);
        await SeedCapitalAsync(ct);
        await SeedCooperativesAsync(ct);
        await SeedUsersAsync(ct);
    }

    public async Task SeedFundsAsync(CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        foreach (var fund in DemoCatalog.Funds)
        {
            session.Store(new Fund
            {
                Id = fund.TenantId, Name = fund.Name, Kind = FundKind.Provincial,
                ProvinceName = Provinces.Find(fund.ProvinceName)!.Name, Letterhead = fund.Letterhead,
            });
        }
        var central = DemoCatalog.CentralFund;
        session.Store(new Fund { Id = central.TenantId, Name = central.Name, Kind = FundKind.Central, Letterhead = central.Letterhead });
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Each fund's charter capital, contributed from the provincial budget (the limits are computed on it).</summary>
    public async Task SeedCapitalAsync(CancellationToken ct = default)
    {
        foreach (var fund in DemoCatalog.Funds)
        {
            await using var session = store.LightweightSession(fund.TenantId);
            if (await session.Events.FetchStreamStateAsync(FundCapital.StreamId, ct) is not null) continue;
            var contribution = new ContributeCharterCapital(fund.CharterCapitalDong, "Ngân sách tỉnh",
                $"Quyết định góp vốn điều lệ {fund.Name}", CharterDecidedOn, CharterDecidedOn.PlusDays(14)).Normalised();
            EnsureValid(Validation.Check(contribution, new ContributeCharterCapital.Validator(time.Today)), fund.Name);
            session.Events.StartStream<FundCapitalStream>(FundCapital.StreamId, ContributeCharterCapitalEndpoint.Decide(contribution, Guid.CreateVersion7(), Seeder, time.Now));
            await session.SaveChangesAsync(ct);
        }
    }

    public async Task SeedCooperativesAsync(CancellationToken ct = default)
    {
        foreach (var group in DemoCatalog.Cooperatives.GroupBy(c => c.TenantId))
        {
            await using var session = store.LightweightSession(group.Key);
            var existing = (await session.Query<CooperativeDetails>().Select(x => x.TaxCode).ToListAsync(ct)).ToHashSet();
            foreach (var demo in group.Where(c => !existing.Contains(c.TaxCode)))
            {
                var command = new RegisterCooperative(demo.Name, demo.Type, demo.TaxCode, demo.Province, demo.District,
                    demo.Address, LocalDatePattern.Iso.Parse(demo.RegistrationDate).Value, demo.LegalRepresentative,
                    demo.MemberCount, demo.MainSector,
                    new PriorityFlags(demo.WomenManaged, demo.EthnicMinorityArea, demo.OcopProduct, demo.AgriculturalValueChain, demo.HighTech),
                    demo.ContactEmail, demo.Phone).Normalised();
                EnsureValid(Validation.Check(command, new RegisterCooperative.Validator(time.Today)), demo.Name);

                var registered = RegisterCooperativeEndpoint.Decide(command, Guid.CreateVersion7(), Seeder, time.Now, time.Today);
                var cooperative = Cooperative.Create(registered);
                var events = new List<object> { registered };
                foreach (var member in demo.Members)
                {
                    var add = new AddCooperativeMember(member.FullName, member.NationalId,
                        member.Official ? nameof(MembershipKind.Official) : nameof(MembershipKind.Associate),
                        member.IsEnterprise, member.TaxCode, null).Normalised();
                    EnsureValid(Validation.Check(add, new AddCooperativeMember.Validator(time.Today)), member.FullName);
                    var decision = AddCooperativeMemberEndpoint.Decide(add, cooperative, Guid.CreateVersion7(), Seeder, time.Now, time.Today);
                    if (decision.Refusal is not null) throw new InvalidOperationException($"Demo member refused: {decision.Refusal.Detail}");
                    cooperative = cooperative.Apply(decision.Added!);
                    events.Add(decision.Added!);
                }
                session.Events.StartStream<Cooperative>(registered.CooperativeId, events.ToArray());
            }
            await session.SaveChangesAsync(ct);
        }
    }

    public async Task SeedUsersAsync(CancellationToken ct = default)
    {
        foreach (var group in DemoCatalog.Users.GroupBy(u => u.TenantId))
        {
            await using var tenantSession = store.QuerySession(group.Key);
            var cooperatives = (await tenantSession.Query<CooperativeDetails>().ToListAsync(ct)).ToDictionary(c => c.TaxCode, c => c.Id);
            await using var session = store.LightweightSession();
            var existing = (await session.Query<UserAccount>().Select(x => x.UserName).ToListAsync(ct)).ToHashSet();
            foreach (var demo in group.Where(u => !existing.Contains(u.UserName)))
            {
                var user = new UserAccount
                {
                    Id = Guid.CreateVersion7(), UserName = demo.UserName, DisplayName = demo.DisplayName,
                    Email = $"{demo.UserName}@htxfund.example", FundId = demo.TenantId, Roles = [demo.Role],
                    CooperativeId = demo.CooperativeTaxCode is null ? null : cooperatives[demo.CooperativeTaxCode],
                    PasswordHash = "", CreatedAt = time.Now, CreatedBy = Guid.Empty,
                };
                session.Store(user with { PasswordHash = hasher.HashPassword(user, demo.Password) });
            }
            await session.SaveChangesAsync(ct);
        }
    }

    private static void EnsureValid(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string what)
    {
        if (problem != WolverineContinue.NoProblems)
            throw new InvalidOperationException($"Demo data for '{what}' is invalid: {problem.Detail}");
    }
}
