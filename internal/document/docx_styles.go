package document

// fontName is the typeface of Party documents: Times New Roman, whose
// Unicode build carries every Vietnamese letter (TCVN 6909:2001).
// LibreOffice without it substitutes the metric-compatible Liberation Serif.
const fontName = "Times New Roman"

// fonts names Times New Roman for every script slot, so no run falls back
// to a theme font (ascii and hAnsi cover Vietnamese; cs and eastAsia are
// set too so bidi or East Asian shaping never switches typeface).
const fonts = `<w:rFonts w:ascii="` + fontName + `" w:hAnsi="` + fontName + `" w:eastAsia="` + fontName + `" w:cs="` + fontName + `"/>`

// stylesXML sets the defaults every paragraph starts from: Times New Roman
// 14 pt in Vietnamese, single spacing, no space after.
const stylesXML = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts +
	`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>` +
	`</w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>` +
	`</w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl/></w:pPr>` +
	`<w:rPr>` + fonts + `<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">` +
	`<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
	`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>` +
	`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
	`</w:styles>`

// settingsXML asks for Word 2013+ layout (compatibility mode 15) and
// Vietnamese as the theme language.
const settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`</w:settings>`

// fontTableXML declares Times New Roman, so a reader that lacks it picks a
// serif of the same metrics (PANOSE, roman family, variable pitch).
const fontTableXML = xmlHeader + `<w:fonts xmlns:w="` + nsW + `">` +
	`<w:font w:name="` + fontName + `"><w:panose1 w:val="02020603050405020304"/>` +
	`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`
