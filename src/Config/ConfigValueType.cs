namespace ShampooActors.Configuration;

/// <summary>The kinds of HOCON value.</summary>
public enum ConfigValueType
{
    Object,
    List,
    Number,
    Boolean,
    Null,
    String,
}
