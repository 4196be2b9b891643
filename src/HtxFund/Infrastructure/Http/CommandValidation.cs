using System.Reflection;
using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// The shape check of every command, run by Wolverine's generated code before anything is loaded: an endpoint whose
/// request body is a command with a nested FluentValidation <c>Validator</c> gets a first middleware step that runs it
/// and ends the request with the <see cref="Validation.ToProblem"/> ProblemDetails (400, <c>errors</c> keyed by field,
/// each with a stable code) when it fails. A validator may take the business day (<c>LocalDate today</c>) and services
/// in its constructor; it is built per request.
/// </summary>
public static class CommandValidation
{
    /// <summary>The command types and their nested validators (a nested class named <c>Validator</c> implementing
    /// <c>IValidator</c> of its declaring type, built with the business day or with no argument).</summary>
    public static IEnumerable<(Type Command, Type Validator)> ValidatedCommands(Assembly assembly) =>
        from type in assembly.GetTypes()
        where type is { IsNested: true, Name: "Validator", IsAbstract: false, DeclaringType: { } declaring }
              && typeof(IValidator<>).MakeGenericType(declaring).IsAssignableFrom(type)
        select (type.DeclaringType!, type);

    /// <summary>Called by the generated code of each endpoint with a validated command.</summary>
    public static IResult Check<T>(T command, LocalDate today)
    {
        var result = Validators<T>.Create(today).Validate(command);
        return result.IsValid ? WolverineContinue.Result() : Results.Problem(result.ToProblem());
    }

    private static class Validators<T>
    {
        public static readonly Func<LocalDate, IValidator<T>> Create = Build();

        private static Func<LocalDate, IValidator<T>> Build()
        {
            var type = typeof(T).GetNestedType("Validator")!;
            if (type.GetConstructor([typeof(LocalDate)]) is { } withToday) return today => (IValidator<T>)withToday.Invoke([today]);
            var plain = type.GetConstructor(Type.EmptyTypes)
                        ?? throw new InvalidOperationException($"{type.FullName} needs a constructor () or (LocalDate today).");
            var validator = (IValidator<T>)plain.Invoke([]);
            return _ => validator;
        }
    }
}

/// <summary>Adds the <see cref="CommandValidation.Check{T}"/> step to the endpoints whose request type has a validator.</summary>
internal sealed class CommandValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (chain.RequestType is not { } request || request.GetNestedType("Validator") is not { } validator
                || !typeof(IValidator<>).MakeGenericType(request).IsAssignableFrom(validator)
                || (validator.GetConstructor(Type.EmptyTypes) ?? validator.GetConstructor([typeof(LocalDate)])) is null) continue;
            var call = new MethodCall(typeof(CommandValidation),
                typeof(CommandValidation).GetMethod(nameof(CommandValidation.Check))!.MakeGenericMethod(request));
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
            chain.Metadata.ProducesProblem(400);
        }
    }
}
