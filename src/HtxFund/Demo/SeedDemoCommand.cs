using JasperFx.CommandLine;

namespace HtxFund.Demo;

public sealed class SeedDemoInput : NetCoreInput;

/// <summary><c>seed-demo</c>: seeds the two demo funds (idempotent) and prints the demo logins.</summary>
[Description("Seeds demo data for two provincial funds and prints the demo logins", Name = "seed-demo")]
public sealed class SeedDemoCommand : JasperFxAsyncCommand<SeedDemoInput>
{
    public override async Task<bool> Execute(SeedDemoInput input)
    {
        using var host = input.BuildHost();
        using var scope = host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();

        Console.WriteLine();
        Console.WriteLine("Demo logins (password for every account: see below)");
        Console.WriteLine($"{"user name",-22} {"role",-16} {"fund",-8} name");
        foreach (var user in DemoCatalog.Users)
        {
            Console.WriteLine($"{user.UserName,-22} {user.Role,-16} {user.TenantId,-8} {user.DisplayName}");
        }
        Console.WriteLine($"Password: {DemoCatalog.Users[0].Password}");
        return true;
    }
}
