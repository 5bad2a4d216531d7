"""The site: the MkDocs plugin and everything it adds to a MkDocs + Material build. The only
package that imports MkDocs."""
