using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JobGateway.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace JobGateway.Analyzers.Rules;

/// <summary>Adds the JobState members a switch does not name, each throwing NotImplementedException.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExhaustiveJobStateSwitchFixer)), Shared]
public sealed class ExhaustiveJobStateSwitchFixer : CodeFixProvider
{
    private const string Title = "Add the missing JobState cases";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ExhaustiveJobStateSwitch);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ExhaustiveJobStateSwitchAnalyzer.MissingMembersProperty, out var names)
                || string.IsNullOrEmpty(names))
            {
                continue;
            }

            var missing = names!.Split(',');
            var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (node is SwitchStatementSyntax or SwitchExpressionSyntax)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => AddMissingAsync(context.Document, node, missing, ct),
                        equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddMissingAsync(Document document, SyntaxNode node, IReadOnlyList<string> missing, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        SyntaxNode replacement = node switch
        {
            SwitchStatementSyntax statement => AddSections(statement, missing),
            SwitchExpressionSyntax expression => AddArms(expression, missing),
            _ => node,
        };
        return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
    }

    private static SwitchStatementSyntax AddSections(SwitchStatementSyntax statement, IReadOnlyList<string> missing)
    {
        var section = SwitchSection(
                List<SwitchLabelSyntax>(missing.Select(m => CaseSwitchLabel(MemberOf(m)))),
                SingletonList<StatementSyntax>(ThrowStatement(NewNotImplementedException())))
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Before the default section, so the section that catches the unnamed values stays last.
        var sections = statement.Sections;
        var index = sections.IndexOf(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax));
        return statement.WithSections(index < 0 ? sections.Add(section) : sections.Insert(index, section));
    }

    private static SwitchExpressionSyntax AddArms(SwitchExpressionSyntax expression, IReadOnlyList<string> missing)
    {
        var arms = expression.Arms;
        var separators = arms.GetSeparators().ToList();
        var index = arms.IndexOf(a => a.Pattern is DiscardPatternSyntax);
        var endOfLine = expression.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine == default)
        {
            endOfLine = ElasticCarriageReturnLineFeed;
        }

        var indentation = arms.Count == 0
            ? TriviaList(ElasticMarker)
            : arms[index < 0 ? arms.Count - 1 : index].GetLeadingTrivia();
        var newArms = missing
            .Select(m => SwitchExpressionArm(ConstantPattern(MemberOf(m)), ThrowExpression(NewNotImplementedException()))
                .WithLeadingTrivia(indentation))
            .ToList();

        var items = new List<SyntaxNodeOrToken>();
        if (index < 0)
        {
            // Appending: the last existing arm needs a comma, and the new last arm inherits
            // whatever followed the old last arm (a trailing comma or nothing).
            var hadTrailingComma = separators.Count == arms.Count;
            for (var i = 0; i < arms.Count; i++)
            {
                if (i < arms.Count - 1 || hadTrailingComma)
                {
                    items.Add(arms[i]);
                    items.Add(separators[i]);
                }
                else
                {
                    items.Add(arms[i].WithoutTrailingTrivia());
                    items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(arms[i].GetTrailingTrivia()));
                }
            }

            for (var i = 0; i < newArms.Count; i++)
            {
                if (i < newArms.Count - 1 || hadTrailingComma)
                {
                    items.Add(newArms[i]);
                    items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
                }
                else
                {
                    items.Add(newArms[i].WithTrailingTrivia(arms.Count == 0 ? TriviaList(endOfLine) : arms[arms.Count - 1].GetTrailingTrivia()));
                }
            }
        }
        else
        {
            for (var i = 0; i < arms.Count; i++)
            {
                if (i == index)
                {
                    foreach (var arm in newArms)
                    {
                        items.Add(arm);
                        items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
                    }
                }

                items.Add(arms[i]);
                if (i < separators.Count)
                {
                    items.Add(separators[i]);
                }
            }
        }

        return expression.WithArms(SeparatedList<SwitchExpressionArmSyntax>(items));
    }

    // Fully qualified, then reduced by the simplifier to whatever the file's usings allow.
    private static ExpressionSyntax MemberOf(string member) =>
        ParseExpression("global::" + KnownNames.JobState + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static ObjectCreationExpressionSyntax NewNotImplementedException() =>
        ObjectCreationExpression(ParseTypeName("System.NotImplementedException"))
            .WithArgumentList(ArgumentList());
}
