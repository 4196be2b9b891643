using System.Net;
using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.Tests.Identity.SigningIn;

/// <summary>The pure rules of <see cref="SignInGuard"/> (no database): what is counted, when a lock applies, for how long,
/// where, and what a success takes back.</summary>
public sealed class sign_in_guard_rules
{
    private static readonly SecurityOptions Options = new();
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 22, 3, 0);
    private const string Office = "198.51.100.10";
    private const string Attacker = "203.0.113.7";

    private static SignInGuard NewGuard() => new() { Id = SignInGuard.IdOf("daklak.accountant") };

    /// <summary>One failed attempt: admitted, counted, and (if it completes a lock) the lock applied.</summary>
    private static (SignInGuard Guard, Admission Admission, IReadOnlyList<LockApplied> Locks) Fail(SignInGuard guard, string address, Instant at)
    {
        var (admitted, admission) = guard.Admit(address, at, Options);
        if (!admission.Admitted) return (admitted, admission, []);
        var (failed, locks) = admitted.Failed(address, at, Options);
        return (failed, admission, locks);
    }

    private static SignInGuard FailTimes(SignInGuard guard, string address, Instant at, int times)
    {
        for (var i = 0; i < times; i++) guard = Fail(guard, address, at).Guard;
        return guard;
    }

    [Fact]
    public void the_fifth_failure_at_an_address_locks_that_address_for_fifteen_minutes_and_no_other()
    {
        var guard = FailTimes(NewGuard(), Attacker, T0, 4);
        var (locked, admission, locks) = Fail(guard, Attacker, T0);

        admission.CompletesAddressLock.ShouldBeTrue();
        var applied = locks.ShouldHaveSingleItem();
        applied.ShouldBe(new LockApplied(LockScope.Address, Attacker, 5, 1, T0, T0 + Duration.FromMinutes(15), 1));
        locked.Admit(Attacker, T0 + Duration.FromMinutes(14), Options).Admission.Admitted.ShouldBeFalse();
        locked.Admit(Office, T0 + Duration.FromMinutes(1), Options).Admission.Admitted.ShouldBeTrue();
        locked.Admit(Attacker, T0 + Duration.FromMinutes(15), Options).Admission.Admitted.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(7, 960)]
    [InlineData(8, 1440)] // capped at a day
    [InlineData(20, 1440)]
    public void each_lock_within_a_day_of_the_end_of_the_last_lasts_twice_as_long_up_to_a_day(int nth, int minutes)
    {
        var guard = NewGuard();
        var at = T0;
        LockApplied? last = null;
        for (var i = 0; i < nth; i++)
        {
            guard = FailTimes(guard, Attacker, at, 4);
            (guard, _, var locks) = Fail(guard, Attacker, at);
            last = locks.Single();
            at = last.Until; // the attacker starts again the moment the lock ends
        }
        (last!.Until - last.At).ShouldBe(Duration.FromMinutes(minutes));
        last.Nth.ShouldBe(nth);
    }

    [Fact]
    public void a_lock_a_day_after_the_end_of_the_last_is_a_first_lock_again()
    {
        var guard = FailTimes(NewGuard(), Attacker, T0, 5);
        var later = T0 + Duration.FromMinutes(15) + Duration.FromHours(24);
        guard = FailTimes(guard, Attacker, later, 4);

        var applied = Fail(guard, Attacker, later).Locks.Single();

        (applied.Until - applied.At).ShouldBe(Duration.FromMinutes(15));
    }

    [Fact]
    public void attempts_counted_but_not_yet_checked_fill_the_limit_so_parallel_attempts_get_no_extra_guesses()
    {
        var guard = NewGuard();
        var admitted = 0;
        for (var i = 0; i < 20; i++) // admitted one after the other, none has finished its password check yet
        {
            var (next, admission) = guard.Admit(Attacker, T0, Options);
            guard = next;
            if (admission.Admitted) admitted++;
        }
        admitted.ShouldBe(5);
    }

    [Fact]
    public void a_success_forgets_its_address_and_takes_its_count_back_from_the_account()
    {
        var guard = FailTimes(NewGuard(), Office, T0, 4);
        guard = FailTimes(guard, Attacker, T0, 3);
        var (admitted, admission) = guard.Admit(Office, T0, Options);
        admission.Admitted.ShouldBeTrue();

        var succeeded = admitted.Succeeded(Office, T0, Options);

        succeeded.At(Office).Failures.ShouldBe(0);
        succeeded.At(Attacker).Failures.ShouldBe(3);
        succeeded.Account.Failures.ShouldBe(7);
        succeeded.IsKnown(Office, T0, Options).ShouldBeTrue();
        succeeded.IsKnown(Office, T0 + Duration.FromDays(30), Options).ShouldBeFalse();
    }

    [Fact]
    public void failures_from_many_addresses_lock_the_account_everywhere_but_at_known_addresses()
    {
        var guard = NewGuard();
        guard = guard.Admit(Office, T0, Options).Guard.Succeeded(Office, T0, Options);
        IReadOnlyList<LockApplied> locks = [];
        for (var bot = 0; bot < 10; bot++)
            for (var i = 0; i < 5; i++)
                (guard, _, locks) = Fail(guard, $"192.0.2.{bot}", T0 + Duration.FromSeconds(bot * 5 + i));

        locks.Select(l => l.Scope).ShouldBe([LockScope.Address, LockScope.Account]);
        var account = locks[1];
        account.Failures.ShouldBe(50);
        account.AddressCount.ShouldBe(10);
        var now = T0 + Duration.FromMinutes(1);
        guard.Admit("192.0.2.200", now, Options).Admission.Admitted.ShouldBeFalse();
        guard.Admit(Office, now, Options).Admission.Admitted.ShouldBeTrue();
        guard.Admit("192.0.2.200", account.Until, Options).Admission.Admitted.ShouldBeTrue();
    }

    [Fact]
    public void failures_older_than_the_window_are_not_counted_and_spent_addresses_are_pruned()
    {
        var guard = FailTimes(NewGuard(), Attacker, T0, 4);
        var later = T0 + Duration.FromMinutes(60);

        guard.At(Attacker).CurrentFailures(later, Options.FailureWindow).ShouldBe(0);
        guard.Pruned(later, Options).Addresses.ShouldBeEmpty();
        var (again, admission) = guard.Admit(Attacker, later, Options);
        admission.CompletesAddressLock.ShouldBeFalse();
        again.At(Attacker).Failures.ShouldBe(1);
    }

    [Fact]
    public void a_guard_is_forgotten_once_nothing_in_it_can_matter()
    {
        var guard = FailTimes(NewGuard(), Attacker, T0, 5).Stamped(Options);
        Instant.FromUnixTimeSeconds(guard.ForgetAtUnixSeconds).ShouldBe(T0 + Duration.FromMinutes(15) + Duration.FromHours(24));
        var tried = FailTimes(NewGuard(), Attacker, T0, 2).Stamped(Options);
        Instant.FromUnixTimeSeconds(tried.ForgetAtUnixSeconds).ShouldBe(T0 + Duration.FromMinutes(60));

        var known = guard.Admit(Office, T0, Options).Guard.Succeeded(Office, T0, Options).Stamped(Options);
        Instant.FromUnixTimeSeconds(known.ForgetAtUnixSeconds).ShouldBe(T0 + Duration.FromDays(30));
    }

    [Fact]
    public void the_guard_key_is_bounded_whatever_the_name()
    {
        SignInGuard.IdOf(new string('a', 100_000)).Length.ShouldBe(64);
        SignInGuard.IdOf("daklak.admin").ShouldNotBe(SignInGuard.IdOf("daklak.admin2"));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void addresses_are_counted_as_ipv4_or_by_ipv6_slash_64(string address, string counted) =>
        ClientAddress.Of(IPAddress.Parse(address)).ShouldBe(counted);

    [Fact]
    public void a_request_without_an_address_is_counted_as_local() => ClientAddress.Of((IPAddress?)null).ShouldBe("local");

    [Theory]
    [InlineData("MaxFailedLogins", "0")]
    [InlineData("MaxFailedLoginsPerAccount", "3")] // below MaxFailedLogins (5)
    [InlineData("LockoutMinutes", "0")]
    [InlineData("MaxLockoutMinutes", "10")] // below LockoutMinutes (15)
    [InlineData("FailureWindowMinutes", "0")]
    [InlineData("LoginPermitsPerMinute", "0")]
    [InlineData("KnownAddressDays", "-1")]
    public void a_sign_in_setting_that_would_lock_everyone_or_no_one_out_is_refused_at_start(string setting, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{SecurityOptions.Section}:{setting}"] = value }).Build();
        using var provider = new ServiceCollection().AddHtxFundIdentity(configuration).BuildServiceProvider();

        var refused = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SecurityOptions>>().Value);
        refused.Message.ShouldContain(SecurityOptions.Section);
    }
}
